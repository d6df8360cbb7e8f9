using System.Diagnostics;
using System.Globalization;
using Orchestrator.KubeProxy.Backends.Hns;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.Bench.Proxy.Hns;

/// <summary>
/// bench/proxy.sh hns [services] [rounds]: HNS plan computation for N NodePort Services x 2 endpoints (one local, one
/// remote) on an Overlay network: plan → desired state (<see cref="HnsRenderer"/>), → HCN documents with endpoint
/// GUIDs, → JSON; beside the nftables renderer on the very same plan in the same run. Pure CPU, no root, no HNS.
/// </summary>
internal static class HnsPlanBench
{
    public static int Run(int services, int rounds, TextWriter output)
    {
        var node = new ProxyNode("bench-node", ["192.168.1.10"], "10.244.0.0/16");
        var plan = new ProxyPlan([.. Enumerable.Range(0, services).Select(Service)], node);
        var network = new HnsNetworkInfo(HnsDocuments.DeterministicGuid("network/vxlan0"), "vxlan0", HnsNetworkInfo.Overlay, [new HnsRemoteSubnet("10.245.0.0/16", "192.168.1.12")]);
        var options = new HnsOptions("vxlan0", SourceVip: "10.244.0.2", NetworkType: HnsNetworkInfo.Overlay);
        var nftables = new NftablesBackend();

        var render = new List<double>();
        var documents = new List<double>();
        var json = new List<double>();
        var nft = new List<double>();
        var (loadBalancers, endpoints, bytes, nftBytes) = (0, 0, 0, 0);
        // Round 0 warms up the JIT and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var state = HnsRenderer.Render(plan, network, options);
            var rendered = clock.Elapsed.TotalMilliseconds;
            var built = HnsDocuments.Build(state, network, HnsDocuments.DeterministicGuid);
            var withDocuments = clock.Elapsed.TotalMilliseconds;
            var text = built.ToJson();
            var withJson = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            var script = nftables.Render(plan);
            var nftMs = clock.Elapsed.TotalMilliseconds;
            if (round == 0)
            {
                continue;
            }

            render.Add(rendered);
            documents.Add(withDocuments);
            json.Add(withJson);
            nft.Add(nftMs);
            (loadBalancers, endpoints, bytes, nftBytes) = (built.LoadBalancers.Count, built.Endpoints.Count, text.Length, script.Length);
        }

        output.WriteLine($"HNS plan computation, {services:N0} NodePort Services x 2 endpoints (1 local, 1 remote), Overlay, {rounds} rounds (median; one warm-up round not counted)");
        output.WriteLine($"output: {loadBalancers:N0} load balancers, {endpoints:N0} endpoints, {bytes / 1024.0 / 1024.0:F1} MiB of JSON; nftables script {nftBytes / 1024.0 / 1024.0:F1} MiB");
        output.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine("| measurement | ms (median) | vs nftables render |");
        output.WriteLine("|---|---:|---:|");
        Row(output, "HNS: plan → desired LBs + endpoints (HnsRenderer)", render, nft);
        Row(output, "HNS: … + HCN documents with endpoint GUIDs", documents, nft);
        Row(output, "HNS: … + JSON (what --dry-run prints)", json, nft);
        Row(output, "baseline: nftables render of the same plan", nft, nft);
        return 0;
    }

    private static ServicePortPlan Service(int i)
    {
        var name = new ServicePortName("bench", "svc-" + i.ToString("D5", CultureInfo.InvariantCulture), "http", "tcp");
        var clusterIp = string.Create(CultureInfo.InvariantCulture, $"10.96.{i / 250}.{i % 250 + 1}");
        var local = new EndpointPlan(string.Create(CultureInfo.InvariantCulture, $"10.244.{i / 250}.{i % 250 + 1}"), 8080, true, true, true, false);
        var remote = new EndpointPlan(string.Create(CultureInfo.InvariantCulture, $"10.245.{i / 250}.{i % 250 + 1}"), 8080, false, true, true, false);
        return new ServicePortPlan(name, clusterIp, 80, 30000 + (i % 2768), [], [], false, false, null, [local, remote], []);
    }

    private static void Row(TextWriter output, string name, List<double> values, List<double> baseline) =>
        output.WriteLine($"| {name} | {Median(values):F1} | {Median(values) / Median(baseline):F2}x |");

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
