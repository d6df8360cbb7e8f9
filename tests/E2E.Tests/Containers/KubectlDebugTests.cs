using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// kubectl debug on a real containerd node: an ephemeral container in a running pod (attached, or
/// run in the background and read with kubectl logs) sharing its target's process namespace; a
/// node-debugging pod in the host's namespaces with the host's root at /host; a debugging copy of a pod.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed partial class KubectlDebugTests(ContainerdCluster cluster)
{
    private static readonly TimeSpan TerminalTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("1.33")] // attach over WebSocket v5
    [InlineData("1.27")] // attach over SPDY/3.1
    public async Task Kubectl_debug_it_gives_a_shell_in_an_ephemeral_container_that_sees_the_targets_processes(string version)
    {
        var (ns, pod) = await HttpdAsync("dbgit" + Short(version));
        using var kubectl = TerminalKubectl.Start(version, cluster.Server.Kubeconfig, 24, 120, "debug", pod, "-n", ns, "-it", "--image=" + Manifests.Image, "--target=httpd", "--", "sh");
        var terminal = kubectl.Terminal;

        await terminal.WaitForAsync("If you don't see a command prompt", TerminalTimeout);
        // Typed lines reach the shell once the attach stands: ask until its answer shows.
        var deadline = DateTime.UtcNow + TerminalTimeout;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "no process list from the debugger:\n" + terminal.Output);
            await terminal.TypeAsync("ps -o pid,args\n");
        }
        while (!await terminal.TryWaitForAsync("httpd -f -v -p 8080", TimeSpan.FromMilliseconds(500))); // the target's process, through its pid namespace

        await terminal.TypeAsync("exit\n");
        Assert.Equal(0, await terminal.WaitForExitAsync(TerminalTimeout));
        var name = DebuggerName(terminal.Output);
        var done = await cluster.PodAsync(ns, pod, p => Status(p, name)?.State?.Terminated is not null, "the debugger's shell to exit");
        var status = Status(done, name)!;
        Assert.Equal((0, "Completed", false, 0), (status.State.Terminated.ExitCode, status.State.Terminated.Reason, status.Ready, status.RestartCount));
        Assert.True(ContainerdCluster.IsRunning(done), "the pod's own container keeps running");
    }

    [Fact]
    public async Task Kubectl_debug_in_the_background_is_read_with_kubectl_logs_and_reported_in_ephemeralContainerStatuses()
    {
        var (ns, pod) = await HttpdAsync("dbglogs");
        using var kubectl = cluster.Kubectl();

        var result = await cluster.Ok(kubectl, "debug", pod, "-n", ns, "--image=" + Manifests.Image, "--target=httpd", "--", "sh", "-c", "echo hello-from-debugger; tr '\\0' ' ' < /proc/1/cmdline; echo; sleep 60");

        var name = DebuggerName(result.Stdout + result.Stderr);
        var running = await cluster.PodAsync(ns, pod, p => Status(p, name)?.State?.Running is not null, "the debugger to run");
        var status = Status(running, name)!;
        Assert.Equal(Manifests.Image, status.Image);
        Assert.StartsWith("containerd://", status.ContainerID, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(status.ImageID));
        Assert.False(status.Ready);
        await cluster.Eventually(async () => (await kubectl.RunAsync("logs", pod, "-n", ns, "-c", name)).Stdout == "hello-from-debugger\nhttpd -f -v -p 8080 -h /www \n", TimeSpan.FromSeconds(10), "kubectl logs -c " + name);
        var json = await cluster.Ok(kubectl, "get", "pod", pod, "-n", ns, "-o", "jsonpath={.status.ephemeralContainerStatuses[0].name} {.status.ephemeralContainerStatuses[0].state.running.startedAt}");
        Assert.Matches($"^{name} \\d{{4}}-\\d\\d-\\d\\dT", json.Stdout);

        // exec reaches an ephemeral container by name as well; it has the pod's UTS namespace.
        var exec = await cluster.Ok(kubectl, "exec", pod, "-n", ns, "-c", name, "--", "hostname");
        Assert.Equal(pod + "\n", exec.Stdout);
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Kubectl_debug_node_runs_a_pod_in_the_hosts_namespaces_with_the_host_root_at_host(string version)
    {
        var ns = await cluster.NamespaceAsync("dbgnode" + Short(version));
        using var kubectl = cluster.Kubectl(version);

        var result = await cluster.Ok(
            kubectl, "debug", "node/" + ContainerdCluster.NodeName, "-n", ns, "--image=" + Manifests.Image, "--", "sh", "-c", "chroot /host cat /etc/hostname; hostname; cat /proc/1/comm");

        var name = NodeDebuggerPod().Match(result.Stdout + result.Stderr) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no pod name in: " + result);
        var pod = await cluster.PodAsync(ns, name, p => p.Status?.Phase is "Succeeded" or "Failed", "the node debugger to finish");
        Assert.Equal("Succeeded", pod.Status.Phase);
        Assert.Equal((true, true, true, ContainerdCluster.NodeName), (pod.Spec.HostPID, pod.Spec.HostNetwork, pod.Spec.HostIPC, pod.Spec.NodeName));
        var logs = await cluster.Ok(kubectl, "logs", name, "-n", ns);
        var expected = File.ReadAllText("/etc/hostname") + File.ReadAllText("/proc/sys/kernel/hostname") + File.ReadAllText("/proc/1/comm");
        Assert.Equal(expected, logs.Stdout); // the host's file, the host's UTS name, the host's PID 1
    }

    [Fact]
    public async Task Kubectl_debug_copy_to_runs_a_copy_of_the_pod_with_a_debugger_sharing_its_processes()
    {
        var (ns, pod) = await HttpdAsync("dbgcopy");
        using var kubectl = cluster.Kubectl();

        await cluster.Ok(kubectl, "debug", pod, "-n", ns, "--copy-to=web-copy", "--container=dbg", "--share-processes", "--image=" + Manifests.Image, "--", "sh", "-c", "sleep 1; ps; sleep 3600");

        var copy = await cluster.PodAsync(ns, "web-copy", ContainerdCluster.IsRunning, "the copy to run");
        Assert.Equal(["httpd", "dbg"], copy.Spec.Containers.Select(c => c.Name));
        Assert.True(copy.Spec.ShareProcessNamespace);
        await cluster.Eventually(async () => (await kubectl.RunAsync("logs", "web-copy", "-n", ns, "-c", "dbg")).Stdout.Contains("httpd -f -v -p 8080", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the debugger to see httpd");
        await cluster.Client.CoreV1.DeleteNamespacedPodAsync("web-copy", ns, new V1DeleteOptions { GracePeriodSeconds = 0 });
    }

    [Fact]
    public async Task Kubectl_debug_profiles_sysadmin_is_privileged_and_restricted_refuses_a_root_image()
    {
        var (ns, pod) = await HttpdAsync("dbgprof");
        using var kubectl = cluster.Kubectl();

        var admin = DebuggerName((await cluster.Ok(kubectl, "debug", pod, "-n", ns, "--profile=sysadmin", "--image=" + Manifests.Image, "--", "sh", "-c", "grep CapEff /proc/self/status; sleep 60")).Stdout);
        var restricted = DebuggerName((await cluster.Ok(kubectl, "debug", pod, "-n", ns, "--profile=restricted", "--image=" + Manifests.Image, "--", "sleep", "60")).Stdout);

        string? capabilities = null;
        await cluster.Eventually(async () => (capabilities = (await kubectl.RunAsync("logs", pod, "-n", ns, "-c", admin)).Stdout).StartsWith("CapEff:", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the sysadmin debugger's capabilities");
        var effective = Convert.ToUInt64(capabilities![7..].Trim(), 16);
        Assert.True((effective & (1UL << 21)) != 0, "a privileged debugger has CAP_SYS_ADMIN: " + capabilities);
        var refused = await cluster.PodAsync(ns, pod, p => Status(p, restricted)?.State?.Waiting?.Reason == "CreateContainerConfigError", "the restricted debugger to be refused");
        Assert.StartsWith("container has runAsNonRoot and image will run as root", Status(refused, restricted)!.State.Waiting.Message, StringComparison.Ordinal);
    }

    private static V1ContainerStatus? Status(V1Pod pod, string name) => pod.Status?.EphemeralContainerStatuses?.FirstOrDefault(s => s.Name == name);

    /// <summary>The name kubectl chose: "Defaulting debug container name to debugger-xxxxx."</summary>
    private static string DebuggerName(string output) =>
        DefaultedName().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no debug container name in: " + output);

    private static string Short(string version) => version.Replace(".", string.Empty, StringComparison.Ordinal);

    private async Task<(string Namespace, string Pod)> HttpdAsync(string prefix)
    {
        var ns = await cluster.NamespaceAsync(prefix);
        await cluster.Apply(ns, Manifests.Httpd("web"));
        V1Pod? pod = null;
        await cluster.Eventually(async () =>
        {
            pod = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.FirstOrDefault(ContainerdCluster.IsRunning);
            return pod is not null;
        }, TimeSpan.FromSeconds(60), "the httpd pod to run");
        return (ns, pod!.Metadata.Name);
    }

    [GeneratedRegex(@"Defaulting debug container name to (debugger-[a-z0-9]+)")]
    private static partial Regex DefaultedName();

    [GeneratedRegex(@"Creating debugging pod (\S+) with container")]
    private static partial Regex NodeDebuggerPod();
}
