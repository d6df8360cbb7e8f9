using Xunit;

namespace Orchestrator.E2E.Tests.Compose;

/// <summary>
/// The compose profile containerd: the real node (containerd-node: the kubelet on a private containerd in a
/// privileged container) registers beside the hollow ones, pulls busybox from the compose registry, runs a pod
/// and serves its logs; `down -v` takes its containers, mounts and cgroups with it.
/// </summary>
public sealed partial class ComposeTests
{
    private const string ContainerdNode = "containerd-node";

    /// <summary>Every node of the compose cluster: 3 hollow ones and <see cref="ContainerdNode"/>.</summary>
    private const int Nodes = 4;

    private const string Greeting = "hello from containerd-node";

    /// <summary>
    /// The real node at work: containerd in its nodeInfo, busybox pushed into the registry as users do it
    /// (`docker-compose exec containerd-node orchestrator images push`), a pod from registry:5000 Running, `kubectl logs`
    /// through the API server to the node's kubelet. The node is then cordoned: the Deployment that follows names an
    /// image no registry has, for the hollow nodes. Returns the node container's cgroup (v1: the memory hierarchy's path).
    /// </summary>
    private async Task<string?> ContainerdNodeRunsAPodAsync(DockerDaemon daemon, ComposeProject project)
    {
        var runtime = await KubectlCheckedAsync(daemon, project, "get", "node", ContainerdNode, "-o", "jsonpath={.status.nodeInfo.containerRuntimeVersion}");
        Assert.StartsWith("containerd://", runtime, StringComparison.Ordinal);
        output.WriteLine($"{ContainerdNode}: {runtime}");

        output.WriteLine(await project.RunAsync(TimeSpan.FromMinutes(2), "exec", "-T", ContainerdNode, "orchestrator", "images", "push", "--registry", "http://registry:5000"));
        await KubectlCheckedAsync(daemon, project, "run", "hello", "--image=registry:5000/busybox:1.35", "--restart=Never",
            "--overrides={\"spec\":{\"nodeName\":\"" + ContainerdNode + "\"}}", "--command", "--", "sh", "-c", $"echo {Greeting}; exec sleep 3600");
        var ready = await KubectlAsync(daemon, project, "wait", "--for=condition=Ready", "pod/hello", "--timeout=90s");
        Assert.True(ready.Succeeded, $"pod hello is not Ready on {ContainerdNode}: {ready}\n{await KubectlAsync(daemon, project, "describe", "pod", "hello")}\n"
            + (await project.TryRunAsync(TimeSpan.FromMinutes(1), "logs", "--no-color", "--tail=60", ContainerdNode)).StandardOutput);
        var logs = await KubectlCheckedAsync(daemon, project, "logs", "hello");
        Assert.Contains(Greeting, logs, StringComparison.Ordinal);
        await KubectlCheckedAsync(daemon, project, "cordon", ContainerdNode);

        var cgroups = await project.RunAsync(TimeSpan.FromSeconds(60), "exec", "-T", ContainerdNode, "cat", "/proc/1/cgroup");
        var cgroup = cgroups.Split('\n').Select(line => line.Split(':', 3)).FirstOrDefault(f => f.Length == 3 && f[1].Split(',').Contains("memory"))?[2].Trim();
        if (cgroup is { Length: > 1 })
        {
            // scripts/compose/containerd-node.sh puts the pods under the container's own cgroup.
            Assert.True(Directory.Exists($"/sys/fs/cgroup/memory{cgroup}/orchestrator-pods"), $"no pod cgroups under the node container's {cgroup}");
        }

        return cgroup;
    }

    /// <summary>
    /// After `down -v`: no mount of the host names the node's volume, and (cgroup v1, the host's cgroup namespace) the
    /// node container's cgroup, under which the pods' were, is gone.
    /// </summary>
    private void AssertContainerdNodeLeftNothing(ComposeProject project, string? cgroup)
    {
        var volume = $"{project.Name}_{ContainerdNode}";
        var mounts = File.ReadAllLines("/proc/self/mountinfo").Where(line => line.Contains(volume, StringComparison.Ordinal)).ToList();
        Assert.True(mounts.Count == 0, "mounts left by the real node:\n" + string.Join('\n', mounts));
        if (cgroup is { Length: > 1 })
        {
            var directory = "/sys/fs/cgroup/memory" + cgroup;
            Assert.False(Directory.Exists(directory), $"the real node's cgroup {directory} is left");
        }
    }
}
