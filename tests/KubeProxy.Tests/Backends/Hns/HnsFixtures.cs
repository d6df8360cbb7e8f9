using Orchestrator.KubeProxy.Backends.Hns;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.KubeProxy.Tests.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Hns;

/// <summary>
/// Networks and extra plans of the HNS tests. Node node-a (192.168.1.10) holds pod subnet 10.244.1.0/24; node-b
/// (192.168.1.12) holds 10.244.2.0/24, which the Overlay network reaches through a RemoteSubnetRoute.
/// </summary>
public static class HnsFixtures
{
    public const string NetworkId = "9A7C1E7B-3D2F-4C55-8E0A-5B1E2C3D4F60";

    public static HnsNetworkInfo Overlay { get; } = new(NetworkId, "vxlan0", HnsNetworkInfo.Overlay, [new HnsRemoteSubnet("10.244.2.0/24", "192.168.1.12")]);

    public static HnsNetworkInfo L2Bridge { get; } = new(NetworkId, "cbr0", HnsNetworkInfo.L2Bridge, []);

    public static HnsOptions OverlayOptions { get; } = new("vxlan0", SourceVip: "10.244.1.2", NetworkType: HnsNetworkInfo.Overlay);

    public static HnsOptions L2BridgeOptions { get; } = new("cbr0");

    /// <summary>default/web:http NodePort 30080 → targetPort 8080/TCP, ClusterIP 10.96.0.90:80, two local and two remote endpoints.</summary>
    public static ProxyPlan NodePortFourEndpoints { get; } = new(
        [
            PlanFixtures.Port("default", "web", "http", "tcp", "10.96.0.90", 80) with
            {
                NodePort = 30080,
                ClusterEndpoints =
                [
                    PlanFixtures.Ready("10.244.1.5", 8080, isLocal: true),
                    PlanFixtures.Ready("10.244.1.6", 8080, isLocal: true),
                    PlanFixtures.Ready("10.244.2.7", 8080, isLocal: false),
                    PlanFixtures.Ready("10.244.2.8", 8080, isLocal: false),
                ],
            },
        ],
        PlanFixtures.Node);

    /// <summary>The fact sheet's first example: kube-dns 10.96.0.10:53/UDP → pods :53 with ClientIP affinity.</summary>
    public static ProxyPlan ReferenceDnsAffinity { get; } = new(
        [
            PlanFixtures.Port("kube-system", "kube-dns", "dns", "udp", "10.96.0.10", 53) with
            {
                AffinityTimeoutSeconds = 10800,
                ClusterEndpoints = [PlanFixtures.Ready("10.244.1.3", 53, isLocal: true), PlanFixtures.Ready("10.244.2.3", 53, isLocal: false)],
            },
        ],
        PlanFixtures.Node);

    /// <summary>Every golden case: fixture name → (plan, network, options).</summary>
    public static IReadOnlyDictionary<string, (ProxyPlan Plan, HnsNetworkInfo Network, HnsOptions Options)> Cases { get; } = Build();

    private static Dictionary<string, (ProxyPlan, HnsNetworkInfo, HnsOptions)> Build()
    {
        var cases = new Dictionary<string, (ProxyPlan, HnsNetworkInfo, HnsOptions)>(StringComparer.Ordinal);
        foreach (var (name, plan) in PlanFixtures.All)
        {
            cases[name + ".overlay"] = (plan, Overlay, OverlayOptions);
        }

        cases["nodeport-four-endpoints.overlay"] = (NodePortFourEndpoints, Overlay, OverlayOptions);
        cases["nodeport-four-endpoints.l2bridge"] = (NodePortFourEndpoints, L2Bridge, L2BridgeOptions);
        cases["reference-dns-affinity.overlay"] = (ReferenceDnsAffinity, Overlay, OverlayOptions);
        cases["clusterip-two-endpoints.l2bridge-dsr"] = (PlanFixtures.ClusterIpTwoEndpoints, L2Bridge, L2BridgeOptions with { EnableDsr = true });
        return cases;
    }
}
