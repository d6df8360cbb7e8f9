namespace Orchestrator.ApiServer.Tests.Tables;

public sealed class NodePrinterTests
{
    public static TheoryData<string, string> Nodes => new()
    {
        {
            """
            {"metadata":{"name":"cp1","creationTimestamp":"2025-05-29T12:00:00Z",
                         "labels":{"kubernetes.io/hostname":"cp1","node-role.kubernetes.io/control-plane":""}},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
                       "addresses":[{"type":"InternalIP","address":"192.168.1.10"},{"type":"Hostname","address":"cp1"}],
                       "nodeInfo":{"kubeletVersion":"v1.33.1","osImage":"Ubuntu 24.04.2 LTS","kernelVersion":"6.8.0-60-generic","containerRuntimeVersion":"containerd://2.0.5"}}}
            """,
            """["cp1","Ready","control-plane","3d","v1.33.1","192.168.1.10","<none>","Ubuntu 24.04.2 LTS","6.8.0-60-generic","containerd://2.0.5"]"""
        },
        {
            """
            {"metadata":{"name":"w1","creationTimestamp":"2025-05-29T12:00:00Z",
                         "labels":{"node-role.kubernetes.io/worker":"","node-role.kubernetes.io/ingress":"true","node-role.kubernetes.io/":"x"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"Ready","status":"True"}],
                       "addresses":[{"type":"InternalIP","address":"192.168.1.11"},{"type":"ExternalIP","address":"203.0.113.11"}],
                       "nodeInfo":{"kubeletVersion":"v1.33.1","osImage":"Ubuntu 24.04.2 LTS","kernelVersion":"6.8.0-60-generic","containerRuntimeVersion":"containerd://2.0.5"}}}
            """,
            """["w1","Ready,SchedulingDisabled","ingress,worker","3d","v1.33.1","192.168.1.11","203.0.113.11","Ubuntu 24.04.2 LTS","6.8.0-60-generic","containerd://2.0.5"]"""
        },
        {
            """
            {"metadata":{"name":"w2","creationTimestamp":"2025-05-29T12:00:00Z","labels":{"kubernetes.io/role":"master","node-role.kubernetes.io/master":""}},
             "status":{"conditions":[{"type":"Ready","status":"Unknown","reason":"NodeStatusUnknown"}]}}
            """,
            """["w2","NotReady","master","3d","","<none>","<none>","<unknown>","<unknown>","<unknown>"]"""
        },
        {
            """{"metadata":{"name":"fresh","creationTimestamp":"2025-06-01T11:59:50Z"},"spec":{"unschedulable":true}}""",
            """["fresh","Unknown,SchedulingDisabled","<none>","10s","","<none>","<none>","<unknown>","<unknown>","<unknown>"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Node_cells_match_upstream(string node, string cells) =>
        Assert.Equal(cells, Printed.Cells("", "nodes", node));

    [Fact]
    public void Node_columns_are_upstreams() =>
        Assert.Equal(
            "Name,Status,Roles,Age,Version,Internal-IP*,External-IP*,OS-Image*,Kernel-Version*,Container-Runtime*",
            Printed.Columns("", "nodes"));
}
