using Google.Protobuf;
using Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Tests.Stats;

/// <summary>
/// Two rounds of CRI answers as containerd 1.6 gave them on this machine (protobuf JSON, ids shortened):
/// pod "web" (ready sandbox, a running and an exited container) and pod "old" (a sandbox no longer ready).
/// Round two is one second later; the running container used half a core meanwhile.
/// </summary>
internal static class RecordedCri
{
    public const long Round1 = 1796588956000000000;
    public const long Round2 = Round1 + 1_000_000_000;

    public static IReadOnlyList<PodSandbox> Sandboxes() => JsonParser.Default.Parse<ListPodSandboxResponse>("""
        {"items": [
          {"id": "sb1", "metadata": {"name": "web", "uid": "uid-web", "namespace": "shop", "attempt": 0}, "state": "SANDBOX_READY", "createdAt": "1796588950000000000"},
          {"id": "sb0", "metadata": {"name": "old", "uid": "uid-old", "namespace": "shop", "attempt": 0}, "state": "SANDBOX_NOTREADY", "createdAt": "1796588900000000000"}
        ]}
        """).Items;

    public static IReadOnlyList<Container> Containers() => JsonParser.Default.Parse<ListContainersResponse>("""
        {"containers": [
          {"id": "c-app", "podSandboxId": "sb1", "metadata": {"name": "app", "attempt": 0}, "state": "CONTAINER_RUNNING", "createdAt": "1796588955388872000"},
          {"id": "c-init", "podSandboxId": "sb1", "metadata": {"name": "init", "attempt": 0}, "state": "CONTAINER_EXITED", "createdAt": "1796588951000000000"}
        ]}
        """).Containers;

    public static IReadOnlyList<ContainerStats> Stats(long timestamp, ulong cpuNanoseconds) => JsonParser.Default.Parse<ListContainerStatsResponse>($$$"""
        {"stats": [
          {"attributes": {"id": "c-app", "metadata": {"name": "app", "attempt": 0}},
           "cpu": {"timestamp": "{{{timestamp}}}", "usageCoreNanoSeconds": {"value": "{{{cpuNanoseconds}}}"}},
           "memory": {"timestamp": "{{{timestamp}}}", "workingSetBytes": {"value": "565248"}, "availableBytes": {"value": "0"}, "usageBytes": {"value": "565248"},
                      "rssBytes": {"value": "61440"}, "pageFaults": {"value": "728"}, "majorPageFaults": {"value": "0"}},
           "writableLayer": {"timestamp": "0", "fsId": {"mountpoint": "/var/lib/containerd/overlayfs"}, "usedBytes": {"value": "4096"}, "inodesUsed": {"value": "3"} } },
          {"attributes": {"id": "c-init", "metadata": {"name": "init", "attempt": 0}},
           "cpu": {"timestamp": "{{{timestamp}}}", "usageCoreNanoSeconds": {"value": "5000"} } }
        ]}
        """).Stats;
}
