using System.Globalization;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.Bench.Proxy;

/// <summary>The proxy benchmarks' plans: Service i is ClusterIP 10.96.x.y:80 with two endpoints 10.244.x.y:8080.</summary>
internal static class BenchPlans
{
    public static readonly ProxyNode Node = new("bench-node", ["192.168.1.10"], "10.244.0.0/16");

    public static ProxyPlan Full(int services) => new([.. Enumerable.Range(0, services).Select(Service)], Node);

    /// <summary>
    /// <paramref name="plan"/> with Service <paramref name="index"/> down to its first endpoint, as fresh objects (the
    /// proxy host's planner makes new ones every sync: the diff compares each port structurally).
    /// </summary>
    public static ProxyPlan OneEndpointRemoved(ProxyPlan plan, int index) => Fresh(plan with
    {
        Services = [.. plan.Services.Select((s, i) => i == index ? s with { ClusterEndpoints = [s.ClusterEndpoints[0]] } : s)],
    });

    public static ProxyPlan Fresh(ProxyPlan plan) => plan with
    {
        Services = [.. plan.Services.Select(s => s with
        {
            ClusterEndpoints = [.. s.ClusterEndpoints.Select(e => e with { })],
            LocalEndpoints = [.. s.LocalEndpoints.Select(e => e with { })],
            ExternalIps = [.. s.ExternalIps],
            LoadBalancerIps = [.. s.LoadBalancerIps],
        })],
    };

    public static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static ServicePortPlan Service(int i)
    {
        var name = new ServicePortName("bench", "svc-" + i.ToString("D5", CultureInfo.InvariantCulture), "http", "tcp");
        var clusterIp = string.Create(CultureInfo.InvariantCulture, $"10.96.{i / 250}.{i % 250 + 1}");
        EndpointPlan Endpoint(int k) => new(string.Create(CultureInfo.InvariantCulture, $"10.244.{(2 * i + k) / 250}.{(2 * i + k) % 250 + 1}"), 8080, false, true, true, false);
        return new ServicePortPlan(name, clusterIp, 80, 0, [], [], false, false, null, [Endpoint(0), Endpoint(1)], []);
    }
}
