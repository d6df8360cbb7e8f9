using k8s.Models;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.Runtime.Cri;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri;

public sealed class ConfigFactoryTests
{
    private static readonly KubeletPaths Paths = new("/var/lib/orc");

    [Fact]
    public void The_sandbox_is_labelled_named_and_logged_like_upstream()
    {
        var config = SandboxConfigFactory.Build(Pod(), 2, Paths, "/orc1");

        Assert.Equal(("web", "default", "uid-1", 2u), (config.Metadata.Name, config.Metadata.Namespace, config.Metadata.Uid, config.Metadata.Attempt));
        Assert.Equal("web", config.Hostname);
        Assert.Equal("/var/lib/orc/logs/pods/default_web_uid-1", config.LogDirectory);
        Assert.Equal("/orc1/poduid-1", config.Linux.CgroupParent);
        Assert.Equal("uid-1", config.Labels[CriLabels.PodUid]);
        Assert.Equal("v", config.Labels["app"]);
        Assert.Equal(NamespaceMode.Pod, config.Linux.SecurityContext.NamespaceOptions.Network);
        Assert.Equal(NamespaceMode.Container, config.Linux.SecurityContext.NamespaceOptions.Pid);
        Assert.Equal(SecurityProfile.Types.ProfileType.Unconfined, config.Linux.SecurityContext.Seccomp.ProfileType);
    }

    [Fact]
    public void A_host_network_pod_has_no_hostname_of_its_own()
    {
        var pod = Pod();
        pod.Spec.HostNetwork = true;

        var config = SandboxConfigFactory.Build(pod, 0, Paths, "/orc1");

        Assert.Equal(string.Empty, config.Hostname);
        Assert.Equal(NamespaceMode.Node, config.Linux.SecurityContext.NamespaceOptions.Network);
    }

    [Theory]
    [InlineData("250m", "500m", "128Mi", 256L, 50_000L, 134_217_728L)]
    [InlineData("1", null, null, 1024L, 0L, 0L)]
    [InlineData(null, null, null, 2L, 0L, 0L)]
    [InlineData("1m", "1m", null, 2L, 1000L, 0L)]
    public void Resources_become_cpu_shares_quota_and_a_memory_limit(string? cpuRequest, string? cpuLimit, string? memoryLimit, long shares, long quota, long memory)
    {
        var container = new V1Container { Name = "c", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity>(), Limits = new Dictionary<string, ResourceQuantity>() } };
        if (cpuRequest is not null)
        {
            container.Resources.Requests["cpu"] = new ResourceQuantity(cpuRequest);
        }

        if (cpuLimit is not null)
        {
            container.Resources.Limits["cpu"] = new ResourceQuantity(cpuLimit);
        }

        if (memoryLimit is not null)
        {
            container.Resources.Limits["memory"] = new ResourceQuantity(memoryLimit);
        }

        var pod = Pod();
        pod.Spec.Containers = [container];
        var resources = ContainerConfigFactory.Resources(pod, container, 16L << 30);

        Assert.Equal(shares, resources.CpuShares);
        Assert.Equal(quota, resources.CpuQuota);
        Assert.Equal(memory, resources.MemoryLimitInBytes);
    }

    [Fact]
    public void The_container_config_carries_command_env_mounts_log_path_and_security()
    {
        var pod = Pod();
        var container = pod.Spec.Containers[0];
        container.Command = ["sh", "-c"];
        container.Args = ["echo $(GREETING)"];
        container.WorkingDir = "/work";
        container.SecurityContext = new V1SecurityContext
        {
            RunAsUser = 1000,
            ReadOnlyRootFilesystem = true,
            Capabilities = new V1Capabilities { Add = ["NET_ADMIN"], Drop = ["ALL"] },
        };
        var env = new[] { KeyValuePair.Create("GREETING", "hi") };
        var mounts = new[] { new ContainerMount("/host/data", "/data", true) };

        var config = ContainerConfigFactory.Build(new ContainerConfigInput(pod, container, 3, "sha256:abc", env, mounts), text => text.Replace("$(GREETING)", "hi", StringComparison.Ordinal));

        Assert.Equal(["sh", "-c"], config.Command);
        Assert.Equal(["echo hi"], config.Args);
        Assert.Equal("/work", config.WorkingDir);
        Assert.Equal("main/3.log", config.LogPath);
        Assert.Equal(3u, config.Metadata.Attempt);
        Assert.Equal("sha256:abc", config.Image.Image);
        Assert.Equal("3", config.Annotations[CriLabels.RestartCount]);
        Assert.Equal(ContainerHash.Of(container), config.Annotations[CriLabels.ContainerHash]);
        Assert.Equal("hi", Assert.Single(config.Envs).Value);
        var mount = Assert.Single(config.Mounts);
        Assert.Equal(("/host/data", "/data", true), (mount.HostPath, mount.ContainerPath, mount.Readonly));
        var security = config.Linux.SecurityContext;
        Assert.Equal(1000, security.RunAsUser.Value);
        Assert.True(security.ReadonlyRootfs);
        Assert.Equal(["NET_ADMIN"], security.Capabilities.AddCapabilities);
        Assert.Equal(["ALL"], security.Capabilities.DropCapabilities);
    }

    [Theory]
    [InlineData(false, false, "target-id", nameof(NamespaceMode.Target), "target-id")]
    [InlineData(false, false, null, nameof(NamespaceMode.Container), "")]
    [InlineData(true, false, "target-id", nameof(NamespaceMode.Node), "")]
    [InlineData(false, true, "target-id", nameof(NamespaceMode.Pod), "")]
    public void An_ephemeral_container_joins_its_targets_process_namespace_unless_the_pod_shares_one(bool hostPid, bool shareProcessNamespace, string? targetId, string mode, string expectedTarget)
    {
        var pod = Pod();
        pod.Spec.HostPID = hostPid;
        pod.Spec.ShareProcessNamespace = shareProcessNamespace;
        var debugger = EphemeralContainerSpec.ToContainer(new V1EphemeralContainer { Name = "dbg", Image = "busybox", TargetContainerName = "main", Stdin = true, Tty = true });

        var config = ContainerConfigFactory.Build(new ContainerConfigInput(pod, debugger, 0, "sha256:abc", [], []) { PidTargetId = targetId }, text => text);

        var namespaces = config.Linux.SecurityContext.NamespaceOptions;
        Assert.Equal((Enum.Parse<NamespaceMode>(mode), expectedTarget), (namespaces.Pid, namespaces.TargetId));
        Assert.Equal(NamespaceMode.Pod, namespaces.Network);
        Assert.Equal(("dbg", true, true), (config.Labels[CriLabels.ContainerName], config.Stdin, config.Tty));
    }

    [Fact]
    public void A_privileged_ephemeral_container_makes_the_sandbox_config_privileged()
    {
        var pod = Pod();
        Assert.False(SandboxConfigFactory.Build(pod, 0, Paths, "/orc1").Linux.SecurityContext.Privileged);

        pod.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "dbg", Image = "busybox", SecurityContext = new V1SecurityContext { Privileged = true } }];

        Assert.True(SandboxConfigFactory.Build(pod, 0, Paths, "/orc1").Linux.SecurityContext.Privileged);
    }

    [Fact]
    public void Host_namespaces_of_a_node_debugging_pod_are_the_nodes()
    {
        var pod = Pod();
        (pod.Spec.HostPID, pod.Spec.HostIPC, pod.Spec.HostNetwork) = (true, true, true);

        var sandbox = SandboxConfigFactory.Build(pod, 0, Paths, "/orc1").Linux.SecurityContext.NamespaceOptions;
        var container = ContainerConfigFactory.Build(new ContainerConfigInput(pod, pod.Spec.Containers[0], 0, "sha256:abc", [], []), text => text).Linux.SecurityContext.NamespaceOptions;

        Assert.All([sandbox, container], n => Assert.Equal((NamespaceMode.Node, NamespaceMode.Node, NamespaceMode.Node), (n.Network, n.Pid, n.Ipc)));
    }

    [Fact]
    public void The_container_hash_changes_with_the_image_but_not_with_resources()
    {
        var a = new V1Container { Name = "c", Image = "busybox:1" };
        var b = new V1Container { Name = "c", Image = "busybox:2" };
        var c = new V1Container { Name = "c", Image = "busybox:1", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1") } } };

        Assert.NotEqual(ContainerHash.Of(a), ContainerHash.Of(b));
        Assert.Equal(ContainerHash.Of(a), ContainerHash.Of(c));
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "uid-1", Labels = new Dictionary<string, string> { ["app"] = "v" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
    };
}
