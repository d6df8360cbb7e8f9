using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Orchestrator.Client.Processes;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// Services on two real nodes through the node's proxy and cluster DNS (issue 12's Tests): run once per proxy
/// backend by a sealed subclass in that backend's collection. The objects are shared (<see cref="ServiceWorld"/>);
/// every check polls with a deadline because rules follow an EndpointSlice change within a sync period.
/// </summary>
public abstract class ServiceTests(NetnsCluster cluster)
{
    private const int ProgrammingSeconds = 30;

    [NetnsClusterFact]
    public async Task A_pod_on_node_a_reaches_the_service_by_its_short_name()
    {
        var world = await WorldAsync();

        var body = await AnswerAsync(world, $"http://{ServiceWorld.Web}/");

        Assert.Contains(body, world.BackendNames);
    }

    [NetnsClusterFact]
    public async Task A_pod_reaches_the_service_by_its_fully_qualified_name()
    {
        var world = await WorldAsync();

        var body = await AnswerAsync(world, $"http://{ServiceWorld.Web}.{world.Namespace}.svc.cluster.local/");

        Assert.Contains(body, world.BackendNames);
    }

    [NetnsClusterFact]
    public async Task A_pod_reaches_the_service_by_its_cluster_ip()
    {
        var world = await WorldAsync();

        var body = await AnswerAsync(world, $"http://{world.Services[ServiceWorld.Web].Spec.ClusterIP}/");

        Assert.Contains(body, world.BackendNames);
    }

    [NetnsClusterFact]
    public async Task Nslookup_of_a_headless_service_returns_both_pod_ips()
    {
        var world = await WorldAsync();
        var name = $"{ServiceWorld.Headless}.{world.Namespace}.svc.cluster.local";
        var ips = world.Backends.Values.Select(p => p.Status.PodIP).ToList();
        KubectlResult last = null!;

        await cluster.WaitAsync(async () =>
        {
            last = await cluster.ExecAsync(world.Namespace, ServiceWorld.Client, "nslookup", name);
            return last.ExitCode == 0 && ips.All(ip => last.Stdout.Contains(ip, StringComparison.Ordinal));
        }, $"nslookup {name} to list both pod IPs {string.Join(", ", ips)}", () => Describe(last), ProgrammingSeconds);

        Assert.DoesNotContain(world.Services[ServiceWorld.Web].Spec.ClusterIP, last.Stdout, StringComparison.Ordinal);
    }

    [NetnsClusterFact]
    public async Task Both_backends_answer_over_30_requests()
    {
        var world = await WorldAsync();
        await AnswerAsync(world, $"http://{ServiceWorld.Web}/");

        var answers = await RepeatAsync(world, $"http://{world.Services[ServiceWorld.Web].Spec.ClusterIP}/", 30);

        Assert.True(answers.ToHashSet().SetEquals(world.BackendNames), $"30 requests answered by {string.Join(", ", answers.Distinct())}; expected both of {string.Join(", ", world.BackendNames)}");
    }

    [NetnsClusterFact]
    public async Task Client_ip_session_affinity_keeps_one_backend_over_10_requests()
    {
        var world = await WorldAsync();
        var url = $"http://{world.Services[ServiceWorld.Affinity].Spec.ClusterIP}/";
        await AnswerAsync(world, url);

        var answers = await RepeatAsync(world, url, 10);

        Assert.True(answers.Count == 10 && answers.Distinct().Count() == 1, $"10 requests with ClientIP affinity answered by: {string.Join(", ", answers)}");
    }

    [NetnsClusterFact]
    public async Task A_service_without_endpoints_is_refused_at_once()
    {
        var world = await WorldAsync();

        await RefusedAsync(world, $"http://{world.Services[ServiceWorld.Empty].Spec.ClusterIP}/");
    }

    [NetnsClusterFact]
    public async Task Scaling_to_zero_and_back_to_two_updates_the_rules()
    {
        var world = await WorldAsync();
        var url = $"http://{world.Services[ServiceWorld.Scaled].Spec.ClusterIP}/";
        await AnswerAsync(world, url, seconds: 90);

        await ScaleAsync(world, 0);
        await RefusedAsync(world, url);
        await ScaleAsync(world, 2);
        var body = await AnswerAsync(world, url, seconds: 90);

        Assert.StartsWith(ServiceWorld.Scaled + "-", body, StringComparison.Ordinal);
    }

    [NetnsClusterFact]
    public async Task A_node_port_answers_from_the_lan_on_either_nodes_address()
    {
        var world = await WorldAsync();
        var nodePort = world.Services[ServiceWorld.Balancer].Spec.Ports[0].NodePort;

        foreach (var node in cluster.Nodes)
        {
            var body = await LanAnswerAsync($"http://{node.Address}:{nodePort}/");

            Assert.Contains(body, world.BackendNames);
        }
    }

    [NetnsClusterFact]
    public async Task The_load_balancer_ip_in_the_service_status_answers_from_the_lan()
    {
        var world = await WorldAsync();
        var service = await Eventually.MatchesAsync(
            () => cluster.Client.CoreV1.ReadNamespacedServiceAsync(ServiceWorld.Balancer, world.Namespace),
            s => s.Status?.LoadBalancer?.Ingress?.Any(i => !string.IsNullOrEmpty(i.Ip)) == true,
            "the LoadBalancer Service to get an ingress IP",
            TimeSpan.FromSeconds(ProgrammingSeconds));
        var ip = service.Status.LoadBalancer.Ingress.First(i => !string.IsNullOrEmpty(i.Ip)).Ip;
        Assert.Contains(ip, cluster.Nodes.Select(n => n.Address));

        var body = await LanAnswerAsync($"http://{ip}/");

        Assert.Contains(body, world.BackendNames);
    }

    [NetnsClusterFact]
    public async Task External_traffic_policy_local_answers_only_on_the_node_with_an_endpoint()
    {
        var world = await WorldAsync();
        var nodePort = world.Services[ServiceWorld.LocalOnly].Spec.Ports[0].NodePort;
        await cluster.WaitAsync(async () => await ServiceWorld.ReadyEndpointsAsync(cluster, world.Namespace, ServiceWorld.LocalOnly) == 1, $"{ServiceWorld.LocalOnly}'s one endpoint", ProgrammingSeconds);

        var body = await LanAnswerAsync($"http://{cluster.NodeA.Address}:{nodePort}/");
        var other = await cluster.LanAsync("curl", "-s", "-m", "2", $"http://{cluster.NodeB.Address}:{nodePort}/");

        Assert.Equal(world.Backends[cluster.NodeA.Name].Metadata.Name, body);
        Assert.True(other.ExitCode != 0, $"{cluster.NodeB.Name}, which has no endpoint of {ServiceWorld.LocalOnly}, answered: {other.StandardOutput}");
    }

    [NetnsClusterFact]
    public async Task The_kubernetes_service_reaches_the_api_server_from_a_pod()
    {
        var world = await WorldAsync();
        var ip = (await cluster.Client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default")).Spec.ClusterIP;
        KubectlResult last = null!;

        // A TLS answer on 443 shows the DNAT to the advertised address works: /version, or a TLS alert from the server
        // (busybox's own TLS client sends no signature_algorithms extension, so TLS 1.2 says SHA-1 signatures, which
        // OpenSSL 3 behind the server refuses with handshake_failure; InClusterClientTests makes the request properly).
        await cluster.WaitAsync(async () =>
        {
            last = await cluster.ExecAsync(world.Namespace, ServiceWorld.Client, "timeout", "3", "wget", "--no-check-certificate", "-qO-", $"https://{ip}:443/version");
            return last.Stdout.Contains("gitVersion", StringComparison.Ordinal) || last.Stderr.Contains("TLS error from peer", StringComparison.Ordinal);
        }, $"a TLS answer from {ip}:443", () => Describe(last), ProgrammingSeconds);

        Assert.Equal("10.96.0.1", ip);
    }

    [NetnsClusterFact]
    public async Task A_pods_resolv_conf_points_at_the_cluster_dns_with_the_cluster_search_path()
    {
        var world = await WorldAsync();

        var result = await cluster.ExecAsync(world.Namespace, ServiceWorld.Client, "cat", "/etc/resolv.conf");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("nameserver 10.96.0.10", lines);
        Assert.True(lines.Any(l => l.StartsWith($"search {world.Namespace}.svc.cluster.local svc.cluster.local cluster.local", StringComparison.Ordinal)), result.Stdout);
        Assert.True(lines.Any(l => l.StartsWith("options", StringComparison.Ordinal) && l.Contains("ndots:5", StringComparison.Ordinal)), result.Stdout);
    }

    [NetnsClusterFact]
    public async Task The_nodes_program_the_service_with_the_clusters_proxy_mode_only()
    {
        var world = await WorldAsync();
        var mode = cluster.ExtraKubeletArguments.SkipWhile(a => a != "--proxy-mode").ElementAt(1);
        var clusterIp = world.Services[ServiceWorld.Web].Spec.ClusterIP;

        foreach (var node in cluster.Nodes)
        {
            var seen = (InNftables: false, InIptables: false);
            await cluster.WaitAsync(
                async () => (seen = await ProgrammedAsync(node, clusterIp)) == (mode == "nftables", mode == "iptables"),
                $"{node.Name} in {mode} mode to hold {clusterIp} in its {mode} rules only",
                () => $"{clusterIp} in table ip kube-proxy: {seen.InNftables}, in KUBE-SERVICES: {seen.InIptables}",
                ProgrammingSeconds);
        }
    }

    /// <summary>Whether <paramref name="clusterIp"/> is in the node's nftables proxy table, and in an iptables (nft or legacy) KUBE-SERVICES chain.</summary>
    private static async Task<(bool InNftables, bool InIptables)> ProgrammedAsync(NetnsNode node, string clusterIp)
    {
        var nft = await node.Namespace.ExecAsync("nft", ["list", "table", "ip", "kube-proxy"]);
        var iptables = string.Concat(await Task.WhenAll(
            new[] { "iptables-nft-save", "iptables-legacy-save" }.Select(async save => (await node.Namespace.ExecAsync(save, ["-t", "nat"])).StandardOutput)));
        return (nft.ExitCode == 0 && nft.StandardOutput.Contains(clusterIp, StringComparison.Ordinal),
            iptables.Contains($"-A KUBE-SERVICES -d {clusterIp}/32", StringComparison.Ordinal));
    }

    private Task<ServiceWorld> WorldAsync() => cluster.SharedAsync(nameof(ServiceWorld), () => ServiceWorld.CreateAsync(cluster));

    /// <summary>Polls <c>wget URL</c> from the client pod until it answers, and returns the answer (a pod name).</summary>
    private async Task<string> AnswerAsync(ServiceWorld world, string url, int seconds = ProgrammingSeconds)
    {
        KubectlResult last = null!;
        await cluster.WaitAsync(async () => (last = await WgetAsync(world, url)).ExitCode == 0, $"{url} to answer the client pod", () => Describe(last), seconds);
        return last.Stdout.Trim();
    }

    /// <summary>
    /// Polls until <c>wget URL</c> fails with "Connection refused", and checks that the refusal came at once: busybox
    /// <c>time</c> measures the wget in the pod, so kubectl exec's own latency does not count.
    /// </summary>
    private async Task RefusedAsync(ServiceWorld world, string url)
    {
        KubectlResult last = null!;
        await cluster.WaitAsync(async () =>
        {
            last = await cluster.ExecAsync(world.Namespace, ServiceWorld.Client, "time", "timeout", "3", "wget", "-qO-", url);
            return last.Stderr.Contains("Connection refused", StringComparison.Ordinal);
        }, $"{url} to be refused", () => Describe(last), ProgrammingSeconds);

        var real = Regex.Match(last.Stderr, @"(?m)^real\s+(\d+)m\s*([\d.]+)s");
        Assert.True(real.Success, $"no busybox time output: {last}");
        var took = TimeSpan.FromMinutes(int.Parse(real.Groups[1].Value, CultureInfo.InvariantCulture))
            + TimeSpan.FromSeconds(double.Parse(real.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(took < TimeSpan.FromSeconds(2), $"the refusal of {url} took {took.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s in the pod: {last}");
    }

    private async Task<List<string>> RepeatAsync(ServiceWorld world, string url, int count)
    {
        var result = await cluster.ExecAsync(world.Namespace, ServiceWorld.Client, "sh", "-c", $"for i in $(seq {count}); do timeout 3 wget -qO- {url}; done");
        Assert.True(result.ExitCode == 0, $"{count} requests to {url}: {result}");
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private Task<KubectlResult> WgetAsync(ServiceWorld world, string url) =>
        cluster.ExecAsync(world.Namespace, ServiceWorld.Client, "timeout", "3", "wget", "-qO-", url);

    /// <summary>Polls <c>curl URL</c> from the lan namespace until it answers, and returns the answer.</summary>
    private async Task<string> LanAnswerAsync(string url)
    {
        HostCommandResult? last = null;
        await cluster.WaitAsync(async () => (last = await cluster.LanAsync("curl", "-s", "-m", "2", url)).ExitCode == 0, $"{url} to answer the lan", () => last is null ? "none" : $"exit {last.ExitCode} {last.StandardError}", ProgrammingSeconds);
        return last!.StandardOutput.Trim();
    }

    private async Task ScaleAsync(ServiceWorld world, int replicas)
    {
        var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas}}}}}", V1Patch.PatchType.MergePatch);
        await cluster.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, ServiceWorld.Scaled, world.Namespace);
    }

    private static string Describe(KubectlResult? last) => last?.ToString() ?? "none";
}
