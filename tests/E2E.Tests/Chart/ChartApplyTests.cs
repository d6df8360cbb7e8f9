using System.Net;
using k8s;
using Orchestrator.E2E.Tests.Cluster;
using Orchestrator.Testing;
using Orchestrator.Testing.HelmTemplate;

namespace Orchestrator.E2E.Tests.Chart;

/// <summary>
/// charts/orchestrator rendered by the test renderer (no helm binary here) and applied for real with kubectl to our own
/// `orchestrator up --hollow-nodes 3` (one for the class, each test in its own namespaces): server-side strict validation accepts every object, the Deployments and the
/// etcd StatefulSet become available on the hollow nodes (whose pods run no process: availability here says the objects
/// are well-formed and schedulable, not that the images work), the Services get cluster IPs and the RBAC objects
/// grant what they say. kubectl 1.27 and 1.33 dry-run every render on the server.
/// </summary>
public sealed class ChartApplyTests(HollowCluster cluster, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<HollowCluster>
{
    private const string Release = "demo";
    private const string EtcdValues = "store: {etcd: {enabled: true}}\napiserver: {replicas: 2}";

    [Theory]
    [InlineData("sqlite", "", new[] { "demo-orchestrator-apiserver" })]
    [InlineData("etcd", EtcdValues, new[] { "data-demo-orchestrator-etcd-0", "data-demo-orchestrator-etcd-1", "data-demo-orchestrator-etcd-2" })]
    public async Task RenderAppliesAndItsWorkloadsBecomeAvailable(string variant, string values, string[] claims)
    {
        using var kubectl = cluster.Kubectl("1.33");
        var ns = $"chart-{variant}";
        await Ok(kubectl, "create", "namespace", ns);
        // No volume provisioner runs beside hollow nodes: each claim the chart makes gets a volume bound to it in advance.
        foreach (var claim in claims)
        {
            await OkWithInput(kubectl, PreboundVolume(ns, claim), "apply", "-f", "-");
        }

        var render = new ChartRenderer(ChartLocation.Orchestrator).Render(Release, ns, values);
        await OkWithInput(kubectl, render.ToStream(), "apply", "--validate=strict", "-n", ns, "-f", "-");

        // Polled with get, not `kubectl wait`: its watch saw the Available condition only ~30 s after it was set (reported).
        foreach (var deployment in new[] { "scheduler", "controller-manager", "apiserver" })
        {
            await cluster.Eventually(
                async () => (await kubectl.RunAsync("get", "deployment", "-n", ns, $"demo-orchestrator-{deployment}", "-o", "jsonpath={.status.conditions[?(@.type==\"Available\")].status}")).Stdout.Trim() == "True",
                TimeSpan.FromSeconds(60),
                $"deployment demo-orchestrator-{deployment} Available");
            log.WriteLine($"{deployment} available");
        }

        if (variant == "etcd")
        {
            await cluster.Eventually(
                async () => (await kubectl.RunAsync("get", "statefulset", "-n", ns, "demo-orchestrator-etcd", "-o", "jsonpath={.status.readyReplicas}")).Stdout.Trim() == "3",
                TimeSpan.FromSeconds(60),
                "statefulset demo-orchestrator-etcd with 3 ready members");
            Assert.Equal("None", (await Ok(kubectl, "get", "service", "-n", ns, "demo-orchestrator-etcd-headless", "-o", "jsonpath={.spec.clusterIP}")).Stdout.Trim());
        }

        var clusterIp = (await Ok(kubectl, "get", "service", "-n", ns, "demo-orchestrator-apiserver", "-o", "jsonpath={.spec.clusterIP}")).Stdout.Trim();
        Assert.True(IPAddress.TryParse(clusterIp, out _), $"the API server's Service has no cluster IP: \"{clusterIp}\"");
        var ready = (await Ok(kubectl, "get", "deployment", "-n", ns, "demo-orchestrator-scheduler", "-o", "jsonpath={.status.readyReplicas}")).Stdout.Trim();
        Assert.Equal("2", ready);

        // The Role lets the release's service account read its certificate Secret, and nothing more.
        var account = $"--as=system:serviceaccount:{ns}:demo-orchestrator";
        Assert.Equal("yes", (await Ok(kubectl, "auth", "can-i", "get", "secret/demo-orchestrator-pki", "-n", ns, account)).Stdout.Trim());
        var other = await kubectl.RunAsync("auth", "can-i", "get", "secret/other", "-n", ns, account);
        Assert.Equal("no", other.Stdout.Trim());
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task EveryRenderPassesServerDryRun(string version)
    {
        using var kubectl = cluster.Kubectl(version);
        var ns = $"chart-dry-{version.Replace('.', '-')}";
        await Ok(kubectl, "create", "namespace", ns);
        foreach (var values in new[] { "", EtcdValues, "store: {etcd: {endpoints: ['e1:2379']}}\napiserver: {service: {type: NodePort, nodePort: 30643}}", "apiserver: {service: {type: LoadBalancer}}\nmetrics: {enabled: false}" })
        {
            var render = new ChartRenderer(ChartLocation.Orchestrator).Render(Release, ns, values);
            var result = await OkWithInput(kubectl, render.ToStream(), "apply", "--dry-run=server", "--validate=strict", "-n", ns, "-f", "-");
            Assert.Contains("(server dry run)", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal("", (await Ok(kubectl, "get", "deployments,secrets,services,roles", "-n", ns, "-l", "app.kubernetes.io/instance=demo", "-o", "name")).Stdout.Trim());
    }

    [Fact]
    public async Task ClientsReachTheApiServerByAnAddressItsCertificateLacksThroughTlsServerName()
    {
        // The chart's kubeconfigs name the Service (not in `up`'s certificate) with tls-server-name kubernetes.default.svc
        // (in it). Here 127.0.0.2 stands for the Service's name. kubectl (Go's client) checks the name: it needs
        // tls-server-name; the official C# client the components use must accept the same kubeconfig.
        var admin = await File.ReadAllTextAsync(cluster.Server.Kubeconfig);
        var port = cluster.Server.Address.Port;
        var elsewhere = admin.Replace($"server: https://127.0.0.1:{port}", $"server: https://127.0.0.2:{port}", StringComparison.Ordinal);
        Assert.NotEqual(admin, elsewhere);
        var named = elsewhere.Replace($"server: https://127.0.0.2:{port}", $"server: https://127.0.0.2:{port}\n    tls-server-name: kubernetes.default.svc", StringComparison.Ordinal);
        var directory = Directory.CreateTempSubdirectory("chart-tls-name-");
        try
        {
            var namedPath = Path.Combine(directory.FullName, "named.kubeconfig");
            var elsewherePath = Path.Combine(directory.FullName, "elsewhere.kubeconfig");
            await File.WriteAllTextAsync(namedPath, named);
            await File.WriteAllTextAsync(elsewherePath, elsewhere);

            using (var kubectl = new Kubectl("1.33", namedPath))
            {
                await Ok(kubectl, "get", "namespace", "default", "-o", "name");
            }

            using (var kubectl = new Kubectl("1.33", elsewherePath))
            {
                var refused = await kubectl.RunAsync("get", "namespace", "default", "-o", "name");
                Assert.NotEqual(0, refused.ExitCode);
                Assert.Contains("127.0.0.2", refused.Stderr, StringComparison.Ordinal);
            }

            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(namedPath));
            Assert.NotNull(await client.CoreV1.ReadNamespaceAsync("default"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string PreboundVolume(string ns, string claim) => $"""
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: {ns}-{claim}
        spec:
          capacity:
            storage: 1Gi
          accessModes: [ReadWriteOnce]
          storageClassName: local-path
          persistentVolumeReclaimPolicy: Delete
          hostPath:
            path: /tmp/{ns}-{claim}
          claimRef:
            namespace: {ns}
            name: {claim}
        """;

    private Task<KubectlResult> Ok(Kubectl kubectl, params string[] args) => OkWithInput(kubectl, null, args);

    private async Task<KubectlResult> OkWithInput(Kubectl kubectl, string? stdin, params string[] args)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = stdin is null ? await kubectl.RunAsync(args) : await kubectl.RunWithInputAsync(stdin, args);
        log.WriteLine($"{started.Elapsed.TotalSeconds:0.0} s: kubectl {string.Join(' ', args)}");
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}\n--- server log tail\n{Tail(cluster.Server.Output)}");
        return result;
    }

    private static string Tail(string log) => log[Math.Max(0, log.Length - 3000)..];
}
