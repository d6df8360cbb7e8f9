using k8s.Models;
using Orchestrator.Kubelet.EnvVars;
using Orchestrator.Kubelet.Runtime.Cri;
using Orchestrator.Kubelet.Runtime.Cri.Windows;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Windows;

/// <summary>
/// Golden expectations from upstream's calculateWindowsResources / calculateCPUMaximum and
/// generateWindowsContainerConfig (pkg/kubelet/kuberuntime/kuberuntime_container_windows.go): cpu_maximum =
/// 10 × milli-CPU limit ÷ processors, clamped to [1, 10000]; memory limit in bytes; requests, shares and count unset.
/// </summary>
public sealed class WindowsContainerConfigFactoryTests
{
    [Theory]
    [InlineData("500m", null, 4, 1250L, 0L)]
    [InlineData("2", "1Gi", 4, 5000L, 1_073_741_824L)]
    [InlineData("8", null, 4, 10_000L, 0L)]
    [InlineData("1m", null, 64, 1L, 0L)]
    [InlineData(null, "128Mi", 2, 0L, 134_217_728L)]
    [InlineData(null, null, 2, 0L, 0L)]
    public void Limits_become_cpu_maximum_and_a_memory_limit(string? cpuLimit, string? memoryLimit, int processors, long cpuMaximum, long memory)
    {
        var limits = new Dictionary<string, ResourceQuantity>();
        if (cpuLimit is not null)
        {
            limits["cpu"] = new ResourceQuantity(cpuLimit);
        }

        if (memoryLimit is not null)
        {
            limits["memory"] = new ResourceQuantity(memoryLimit);
        }

        var container = new V1Container
        {
            Name = "c",
            Resources = new V1ResourceRequirements { Limits = limits, Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") } },
        };

        var resources = WindowsContainerConfigFactory.Build(new V1PodSpec { Containers = [container] }, container, processors).Resources;

        Assert.Equal((cpuMaximum, memory, 0L, 0L), (resources.CpuMaximum, resources.MemoryLimitInBytes, resources.CpuShares, resources.CpuCount));
    }

    [Fact]
    public void Windows_options_pass_through_with_the_containers_over_the_pods()
    {
        var container = new V1Container
        {
            Name = "c",
            SecurityContext = new V1SecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { RunAsUserName = "ContainerAdministrator" } },
        };
        var spec = new V1PodSpec
        {
            Containers = [container],
            SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { RunAsUserName = "ContainerUser", GmsaCredentialSpec = """{"CmsPlugins":["ActiveDirectory"]}""" } },
        };

        var security = WindowsContainerConfigFactory.Build(spec, container, 4).SecurityContext;

        Assert.Equal(("ContainerAdministrator", """{"CmsPlugins":["ActiveDirectory"]}""", false), (security.RunAsUsername, security.CredentialSpec, security.HostProcess));
    }

    [Fact]
    public void A_host_process_pod_makes_host_process_containers()
    {
        var container = new V1Container { Name = "c", SecurityContext = new V1SecurityContext { Privileged = true } };
        var spec = new V1PodSpec
        {
            Containers = [container],
            HostNetwork = true,
            SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true, RunAsUserName = "NT AUTHORITY\\SYSTEM" } },
        };

        var security = WindowsContainerConfigFactory.Build(spec, container, 4).SecurityContext;

        Assert.True(security.HostProcess);
        Assert.Equal("NT AUTHORITY\\SYSTEM", security.RunAsUsername);
    }

    [Theory]
    [InlineData(1000L, null, "run as uid (1000) is not supported on Windows")]
    [InlineData(null, true, "privileged containers are not supported on Windows: use securityContext.windowsOptions.hostProcess")]
    public void Linux_only_settings_fail_the_container(long? runAsUser, bool? privileged, string message)
    {
        var container = new V1Container { Name = "c", SecurityContext = new V1SecurityContext { RunAsUser = runAsUser, Privileged = privileged } };

        var error = Assert.Throws<ContainerConfigException>(() => WindowsContainerConfigFactory.Build(new V1PodSpec { Containers = [container] }, container, 4));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_windows_node_sends_no_linux_config_and_a_linux_node_no_windows_config()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "uid-1" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
        };
        var input = new ContainerConfigInput(pod, pod.Spec.Containers[0], 0, "sha256:abc", [], []);

        var windows = ContainerConfigFactory.Build(input with { OperatingSystem = NodeOs.Windows, NodeCpuCount = 2 }, text => text);
        var linux = ContainerConfigFactory.Build(input, text => text);

        Assert.Equal((true, false), (windows.Windows is not null, windows.Linux is not null));
        Assert.Equal((false, true), (linux.Windows is not null, linux.Linux is not null));
    }
}
