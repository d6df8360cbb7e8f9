using Orchestrator.Client.Processes;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.Images;
using Orchestrator.Kubelet.Images.Local;
using Orchestrator.Kubelet.Processes;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

/// <summary>Each test runs its own private containerd (not the shared fixture) because it stops it.</summary>
public sealed class ContainerdProcessTests : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), $"orc-ctrd-t{Guid.NewGuid().ToString("N")[..8]}");
    private ContainerdConfig Config => ContainerdConfig.ForStateDir(_stateDir);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever a failed test left running.
        if (await ContainerdProcess.AdoptAsync(_stateDir, NullLogger.Instance) is { } running)
        {
            await running.StopAsync(cleanup: true);
        }

        await new ContainerdCleanup(Config, NullLogger.Instance).RemoveLeftoversAsync(CancellationToken.None);
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Stop_with_cleanup_removes_containers_shims_mounts_bridge_and_cgroups()
    {
        var containerd = await ContainerdProcess.StartAsync(Config, NullLogger.Instance);
        var leftovers = await RunContainerAsync(containerd);

        await containerd.StopAsync(cleanup: true);

        AssertNothingLeft(containerd.Pid, leftovers);
    }

    [Fact]
    public async Task Stop_with_cleanup_removes_cri_pods_their_network_and_pod_cgroups()
    {
        using var subnet = await NetworkAllocator.ReserveAsync(24);
        var bridge = CniConfig.BridgeNameFor(_stateDir);
        CniConfig.Write(Config.CniConfDir, subnet.Cidr, bridge, Config.IpamDataDir);
        var containerd = await ContainerdProcess.StartAsync(Config, NullLogger.Instance);
        await ImageImporter.ImportAsync(containerd.Config.SocketPath, [LocalImages.BuildPause()]);
        var uid = Guid.NewGuid().ToString();
        var podCgroup = $"{ContainerdCleanup.CgroupParentFor(_stateDir)}/pod{uid}";
        string sandboxId;
        using (var cri = CriClient.Connect(containerd.Endpoint))
        {
            sandboxId = (await cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest
            {
                Config = new PodSandboxConfig
                {
                    Metadata = new PodSandboxMetadata { Name = "p", Uid = uid, Namespace = "default" },
                    LogDirectory = Path.Combine(_stateDir, "logs", uid),
                    Linux = new LinuxPodSandboxConfig
                    {
                        CgroupParent = podCgroup,
                        SecurityContext = new LinuxSandboxSecurityContext
                        {
                            NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                        },
                    },
                },
            })).PodSandboxId;
            var ip = (await cri.Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = sandboxId })).Status.Network.Ip;
            Assert.Equal(subnet.Cidr, new Ipv4Cidr(Ipv4Cidr.TryParseAddress(ip, out var address) ? address : 0, 24));
        }

        Assert.True(Directory.Exists($"/sys/class/net/{bridge}"), "CNI made the bridge");
        Assert.True(Directory.Exists("/sys/fs/cgroup/memory" + podCgroup), "the pod cgroup exists");

        await containerd.StopAsync(cleanup: true);

        Assert.False(HostProcess.IsAlive(containerd.Pid));
        Assert.Empty(Shims());
        Assert.Empty(MountInfo.ReadMountsUnder(_stateDir));
        Assert.False(Directory.Exists($"/sys/class/net/{bridge}"), "the bridge");
        Assert.False(Directory.Exists("/sys/fs/cgroup/memory" + podCgroup), "the pod cgroup");
        Assert.Empty(Directory.Exists("/var/lib/cni/results") ? Directory.GetFiles("/var/lib/cni/results", $"*{sandboxId}*") : []);
    }

    [Fact]
    public async Task Cleanup_after_a_crash_removes_what_the_dead_containerd_left()
    {
        var containerd = await ContainerdProcess.StartAsync(Config, NullLogger.Instance);
        var leftovers = await RunContainerAsync(containerd);
        await HostProcess.SignalAsync(containerd.Pid, "KILL");
        Assert.True(await HostProcess.WaitForExitAsync(containerd.Pid, TimeSpan.FromSeconds(10)));
        Assert.True(HostProcess.IsAlive(leftovers.TaskPid), "the container outlives containerd");

        Assert.Null(await ContainerdProcess.AdoptAsync(_stateDir, NullLogger.Instance));
        await new ContainerdCleanup(Config, NullLogger.Instance).RemoveLeftoversAsync(CancellationToken.None);

        AssertNothingLeft(containerd.Pid, leftovers);
    }

    [Fact]
    public async Task A_running_instance_is_adopted_and_not_started_twice()
    {
        var containerd = await ContainerdProcess.StartAsync(Config, NullLogger.Instance);

        var adopted = await ContainerdProcess.AdoptAsync(_stateDir, NullLogger.Instance);
        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => ContainerdProcess.StartAsync(Config, NullLogger.Instance));

        Assert.NotNull(adopted);
        Assert.Equal(containerd.Pid, adopted.Pid);
        Assert.Equal(containerd.Endpoint, adopted.Endpoint);
        Assert.Contains("already running", second.Message, StringComparison.Ordinal);
        await adopted.StopAsync(cleanup: true);
        Assert.False(HostProcess.IsAlive(containerd.Pid));
        Assert.False(File.Exists(Config.PidPath));
    }

    [Fact]
    public async Task Adopt_or_start_reuses_a_live_instance_and_replaces_a_crashed_one()
    {
        var first = await ContainerdProcess.AdoptOrStartAsync(Config, NullLogger.Instance);
        var again = await ContainerdProcess.AdoptOrStartAsync(Config, NullLogger.Instance);
        Assert.Equal(first.Pid, again.Pid);

        var leftovers = await RunContainerAsync(first);
        await HostProcess.SignalAsync(first.Pid, "KILL");
        Assert.True(await HostProcess.WaitForExitAsync(first.Pid, TimeSpan.FromSeconds(10)));
        var restarted = await ContainerdProcess.AdoptOrStartAsync(Config, NullLogger.Instance);

        Assert.NotEqual(first.Pid, restarted.Pid);
        Assert.False(HostProcess.IsAlive(leftovers.TaskPid), "the crashed instance's container was removed");
        Assert.Equal([restarted.Pid], HostProcess.Find(argv => argv.Contains(Config.SocketPath) || argv.Contains(Config.ConfigPath)));
        await restarted.StopAsync(cleanup: true);
    }

    [Fact]
    public async Task A_containerd_that_exits_at_start_up_fails_with_its_log()
    {
        var broken = Config with { SocketPath = "/proc/orchestrator-no-such-dir/containerd.sock" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ContainerdProcess.StartAsync(broken, NullLogger.Instance));

        Assert.Contains("exited during start-up", error.Message, StringComparison.Ordinal);
        Assert.Contains("containerd", error.Message[error.Message.IndexOf("log tail", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    /// <summary>A running container made with ctr (overlay mount, shim, runc state, cgroup under our parent) and a bridge.</summary>
    private async Task<Leftovers> RunContainerAsync(ContainerdProcess containerd)
    {
        await ImageImporter.ImportAsync(containerd.Config.SocketPath, [LocalImages.BuildPause()]);
        var cgroup = ContainerdCleanup.CgroupParentFor(_stateDir) + "/podtest/c1";
        // The runc root the CRI plugin would use for this instance (ctr does not read the CRI runtime options).
        await Ctr(containerd, "run", "-d", "--runc-root", Path.Combine(Config.RuncRoot, "k8s.io"), "--cgroup", cgroup, LocalImages.PauseReference, "c1");
        var tasks = await Ctr(containerd, "tasks", "ls");
        var taskPid = int.Parse(tasks.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var bridge = CniConfig.BridgeNameFor(_stateDir);
        CniConfig.Write(Config.CniConfDir, Ipv4Cidr.Parse("10.250.255.0/24"), bridge, Config.IpamDataDir);
        await HostCommand.RunCheckedAsync("ip", ["link", "add", bridge, "type", "bridge"]);

        Assert.NotEmpty(MountInfo.ReadMountsUnder(_stateDir));
        Assert.NotEmpty(Shims());
        Assert.True(Directory.Exists("/sys/fs/cgroup/memory" + cgroup), "ctr made the container's cgroup");
        return new Leftovers(taskPid, bridge);
    }

    private void AssertNothingLeft(int containerdPid, Leftovers leftovers)
    {
        Assert.False(HostProcess.IsAlive(containerdPid), "containerd");
        Assert.False(HostProcess.IsAlive(leftovers.TaskPid), "the container's process");
        Assert.Empty(Shims());
        Assert.Empty(MountInfo.ReadMountsUnder(_stateDir));
        Assert.False(Directory.Exists($"/sys/class/net/{leftovers.Bridge}"), "the bridge");
        Assert.DoesNotContain(Directory.EnumerateDirectories("/sys/fs/cgroup"), h => Directory.Exists(h + ContainerdCleanup.CgroupParentFor(_stateDir)));
    }

    private IReadOnlyList<int> Shims() => HostProcess.Find(argv => argv.Contains(Config.SocketPath));

    private static Task<string> Ctr(ContainerdProcess containerd, params string[] arguments) =>
        HostCommand.RunCheckedAsync("ctr", ["--address", containerd.Config.SocketPath, "--namespace", "k8s.io", .. arguments]);

    private sealed record Leftovers(int TaskPid, string Bridge);
}
