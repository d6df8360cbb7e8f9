using k8s.Models;
using Orchestrator.Kubelet.Runtime.Cri;
using Orchestrator.Kubelet.Runtime.Cri.Windows;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Windows;

/// <summary>upstream's generatePodSandboxWindowsConfig (pkg/kubelet/kuberuntime/kuberuntime_sandbox.go), and no Linux config on Windows.</summary>
public sealed class WindowsSandboxConfigFactoryTests
{
    private static readonly KubeletPaths Paths = new("/var/lib/orc");

    [Fact]
    public void A_windows_sandbox_has_the_pods_windows_options_and_no_linux_config()
    {
        var pod = Pod();
        pod.Spec.SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { RunAsUserName = "ContainerUser", GmsaCredentialSpec = "{\"spec\":1}" } };

        var config = SandboxConfigFactory.Build(pod, 0, Paths, "/orc1", operatingSystem: NodeOs.Windows);

        Assert.Null(config.Linux);
        Assert.Equal(("ContainerUser", "{\"spec\":1}", false), (config.Windows.SecurityContext.RunAsUsername, config.Windows.SecurityContext.CredentialSpec, config.Windows.SecurityContext.HostProcess));
        Assert.Equal("web", config.Hostname);
    }

    [Fact]
    public void A_linux_sandbox_has_no_windows_config()
    {
        var config = SandboxConfigFactory.Build(Pod(), 0, Paths, "/orc1");

        Assert.Null(config.Windows);
        Assert.Equal("/orc1/poduid-1", config.Linux.CgroupParent);
    }

    [Fact]
    public void Host_process_pods_on_the_host_network_get_a_host_process_sandbox()
    {
        var pod = Pod();
        pod.Spec.HostNetwork = true;
        pod.Spec.SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true } };

        Assert.True(WindowsSandboxConfigFactory.Build(pod.Spec).SecurityContext.HostProcess);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "hostPID", "hostPID is not supported on Windows" },
        { "hostIPC", "hostIPC is not supported on Windows" },
        { "hostProcessWithoutHostNetwork", "hostNetwork is required if Pod contains HostProcess containers" },
        { "mixed", "pod must not contain both HostProcess and non-HostProcess containers" },
        { "podSaysNo", "pod must not contain any HostProcess containers if Pod's WindowsOptions.HostProcess is set to false" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_windows_cannot_run_fails_the_sandbox_with_upstreams_message(string kind, string message)
    {
        var spec = Pod().Spec;
        var hostProcess = new V1SecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true } };
        switch (kind)
        {
            case "hostPID":
                spec.HostPID = true;
                break;
            case "hostIPC":
                spec.HostIPC = true;
                break;
            case "hostProcessWithoutHostNetwork":
                spec.Containers[0].SecurityContext = hostProcess;
                break;
            case "mixed":
                spec.HostNetwork = true;
                spec.Containers = [new V1Container { Name = "a", SecurityContext = hostProcess }, new V1Container { Name = "b" }];
                break;
            default:
                spec.HostNetwork = true;
                spec.Containers[0].SecurityContext = hostProcess;
                spec.SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false } };
                break;
        }

        Assert.Equal(message, Assert.Throws<SandboxConfigException>(() => WindowsSandboxConfigFactory.Build(spec)).Message);
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "uid-1" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
    };
}
