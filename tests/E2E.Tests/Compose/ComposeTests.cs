using System.Diagnostics;
using System.Globalization;
using k8s;
using Orchestrator.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Orchestrator.E2E.Tests.Compose;

/// <summary>
/// The repository's docker-compose.yml for real, on a private dockerd: the base images made offline
/// (scripts/base-image.sh), `docker-compose up -d --build`, the admin kubeconfig on the host, nodes Ready and a
/// Deployment converged through real kubectl, the etcd leader killed under 12 writers (nothing acknowledged lost,
/// writes resume within 5 s), apiserver-1 killed (apiserver-2 serves on), `docker-compose down -v` leaving nothing.
/// With the profile containerd throughout: a real node beside the hollow ones (ComposeTests.ContainerdNode.cs).
/// </summary>
public sealed partial class ComposeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Build = TimeSpan.FromMinutes(20);

    [ComposeFact]
    public async Task Compose_RunsAnHaControlPlane_ThatSurvivesItsEtcdLeaderAndAnApiServer()
    {
        var total = Stopwatch.StartNew();
        await using var daemon = await DockerDaemon.StartAsync();
        var step = Stopwatch.StartNew();
        await daemon.RunCheckedAsync(Path.Combine(ComposeProject.RepositoryRoot, "scripts", "base-image.sh"), ["--node"], timeout: Build);
        Report("base images (scripts/base-image.sh)", step);

        var project = ComposeProject.Copy(daemon);
        var down = false;
        try
        {
            step.Restart();
            await project.RunAsync(Build, "build");
            Report("image build (docker-compose build)", step);
            step.Restart();
            await project.RunAsync(TimeSpan.FromMinutes(5), "up", "-d", "--build");
            await Eventually.TrueAsync(() => File.Exists(project.Kubeconfig), ".compose/kubeconfig is written", TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(async () => (await KubectlAsync(daemon, project, "get", "nodes", "--no-headers")).StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "Ready") == Nodes,
                $"{Nodes} nodes (3 hollow, {ContainerdNode}) are Ready", TimeSpan.FromSeconds(120), async () => (await KubectlAsync(daemon, project, "get", "nodes")).ToString());
            Report($"docker-compose up -d --build → {Nodes} nodes Ready", step);

            step.Restart();
            var node = await ContainerdNodeRunsAPodAsync(daemon, project);
            Report($"{ContainerdNode}: busybox pushed to the registry, a pod from it Running, its logs read", step);

            step.Restart();
            await KubectlCheckedAsync(daemon, project, "create", "deployment", "web", "--image=registry.example/web:1", "--replicas=3");
            await KubectlCheckedAsync(daemon, project, "rollout", "status", "deployment/web", "--timeout=90s");
            Report("Deployment web (3 replicas) rolled out", step);

            await EtcdLeaderLossAsync(daemon, project);
            await ApiServerLossAsync(daemon, project);

            step.Restart();
            await project.RunAsync(TimeSpan.FromMinutes(3), "down", "-v");
            down = true;
            Report("docker-compose down -v", step);
            Assert.Empty(await project.LeftoversAsync());
            AssertContainerdNodeLeftNothing(project, node);
            Assert.True(File.Exists(project.Kubeconfig), "down -v removes docker's state; the host's .compose/kubeconfig stays until removed by hand");
        }
        finally
        {
            if (!down)
            {
                output.WriteLine((await project.TryRunAsync(TimeSpan.FromMinutes(1), "logs", "--no-color", "--tail=40")).StandardOutput);
                await project.TryRunAsync(TimeSpan.FromMinutes(3), "down", "-v", "-t", "1");
            }

            Directory.Delete(project.Directory, recursive: true);
        }

        Report("whole test", total);
    }

    private async Task EtcdLeaderLossAsync(DockerDaemon daemon, ComposeProject project)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(project.Kubeconfig);
        // The published port through the namespace's veth; the certificate names localhost, as the kubeconfig's server.
        config.Host = $"https://{daemon.Address}:6443";
        config.TlsServerName = "localhost";
        using var client = new Kubernetes(config);
        await KubectlCheckedAsync(daemon, project, "create", "namespace", "writes");
        var writers = new ConfigMapWriters(client, "writes", 12);
        using var stop = new CancellationTokenSource();
        var writing = writers.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => writers.Acknowledged.Count >= 50, "the writers are writing", TimeSpan.FromSeconds(60));
        var leader = await project.EtcdLeaderAsync();
        var killedAt = writers.Now;
        await daemon.RunCheckedAsync("docker", ["kill", await project.ContainerAsync(leader)]);
        var before = writers.Acknowledged.Count;
        // Long enough after the kill for a new election and for the API servers' etcd clients to fail over.
        await Eventually.TrueAsync(() => writers.Now - killedAt > TimeSpan.FromSeconds(12), "12 s of writes after the kill", TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await writing;
        var gap = writers.LongestGap(killedAt, writers.Now);
        output.WriteLine($"etcd leader {leader} killed: longest time without an acknowledged write {gap.TotalSeconds:0.00} s; {writers.Acknowledged.Count} writes acknowledged ({writers.Acknowledged.Count - before} after the kill)");
        // The API servers' errors (500 with etcd's or the store's message, or no answer) say where writes got stuck.
        var failures = writers.FailuresBetween(killedAt, writers.Now);
        output.WriteLine($"failed writes after the kill:\n{failures}");
        Assert.True(writers.Acknowledged.Count > before, $"no write acknowledged after the etcd leader was killed; failed writes after the kill:\n{failures}");
        Assert.True(gap < TimeSpan.FromSeconds(5), $"writes resumed only after {gap.TotalSeconds:0.00} s; failed writes after the kill:\n{failures}");

        var stored = (await client.CoreV1.ListNamespacedConfigMapAsync("writes")).Items.Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var lost = writers.Acknowledged.Where(name => !stored.Contains(name)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost: {string.Join(", ", lost.Take(10))}");
    }

    private async Task ApiServerLossAsync(DockerDaemon daemon, ComposeProject project)
    {
        await daemon.RunCheckedAsync("docker", ["kill", await project.ContainerAsync("apiserver-1")]);
        var clock = Stopwatch.StartNew();
        // Through the same kubeconfig (haproxy on 6443): the next requests reach apiserver-2.
        await Eventually.TrueAsync(async () =>
        {
            // A create whose answer was lost with the connection may have been stored: AlreadyExists then is success.
            var created = await KubectlAsync(daemon, project, "create", "configmap", "after-apiserver-1", "-n", "writes");
            return created.Succeeded || created.StandardError.Contains("AlreadyExists", StringComparison.Ordinal);
        }, "a write succeeds with apiserver-1 dead", TimeSpan.FromSeconds(30));
        output.WriteLine($"apiserver-1 killed: the kubeconfig's endpoint served a write after {clock.Elapsed.TotalSeconds:0.00} s");
        var nodes = await KubectlCheckedAsync(daemon, project, "get", "nodes", "--no-headers");
        Assert.Equal(Nodes, nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>Real kubectl inside the daemon's namespace, where the kubeconfig's https://127.0.0.1:6443 is the published port.</summary>
    private static Task<Client.Processes.HostCommandResult> KubectlAsync(DockerDaemon daemon, ComposeProject project, params string[] arguments) =>
        Client.Processes.HostCommand.RunAsync("ip", ["netns", "exec", daemon.NamespaceName, Path.Combine(Kubectl.BinaryDirectory, "kubectl.1.33"),
            "--kubeconfig", project.Kubeconfig, "--cache-dir", Path.Combine(project.Directory, ".kube-cache"), "--request-timeout=10s", .. arguments]);

    private static async Task<string> KubectlCheckedAsync(DockerDaemon daemon, ComposeProject project, params string[] arguments)
    {
        var result = await KubectlAsync(daemon, project, arguments);
        return result.Succeeded ? result.StandardOutput : throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)}: {result.StandardError}");
    }

    private void Report(string what, Stopwatch clock) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {clock.Elapsed.TotalSeconds:0.0} s"));
}
