using k8s;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Cluster;

/// <summary>
/// `orchestrator up --hollow-nodes 3` with a short node-monitor grace period, plus helpers that the
/// cluster tests share: kubectl 1.33, an official client, polling with a deadline.
/// </summary>
public sealed class HollowCluster : IAsyncLifetime
{
    public OrchestratorProcess Server { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "3", "--node-monitor-grace-period", "4s");
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.Kubeconfig));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    public Kubectl Kubectl(string version = "1.33") => new(version, Server.Kubeconfig);

    /// <summary>Creates a namespace for one test so tests sharing the cluster do not see each other's objects.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = name } });
        await Eventually(async () => (await Client.CoreV1.ListNamespacedServiceAccountAsync(name)).Items.Any(sa => sa.Metadata.Name == "default"), TimeSpan.FromSeconds(30), "default service account");
        return name;
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails with <paramref name="what"/> and the server's log tail.</summary>
    public async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var log = Server.Output;
                Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for {what}\n--- server log tail\n{log[Math.Max(0, log.Length - 3000)..]}");
            }

            await Task.Delay(200);
        }
    }

    public async Task<KubectlResult> Ok(Kubectl kubectl, params string[] args)
    {
        var result = await kubectl.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
        return result;
    }

    public async Task<KubectlResult> Apply(Kubectl kubectl, string ns, string manifest)
    {
        var result = await kubectl.RunWithInputAsync(manifest, "apply", "-n", ns, "-f", "-");
        Assert.True(result.ExitCode == 0, $"kubectl apply: {result}");
        return result;
    }
}
