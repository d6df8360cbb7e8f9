using k8s.Models;

namespace Orchestrator.Bench.Dns;

internal static class BenchObjects
{
    public static V1Service Service(int index, string ip) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = "bench", Name = $"svc-{index}" },
        Spec = new V1ServiceSpec { Type = "ClusterIP", ClusterIP = ip, ClusterIPs = [ip] },
    };
}
