using k8s.Models;
using Orchestrator.ControllerManager.Controllers.NodeLifecycle;

namespace Orchestrator.ControllerManager.Tests.Controllers.NodeLifecycle;

public sealed class NodeHealthTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly NodeLifecycleOptions Options = new();

    private static V1Node Node(int? heartbeatSeconds) => new()
    {
        Metadata = new V1ObjectMeta { Name = "n1" },
        Status = new V1NodeStatus
        {
            Conditions = heartbeatSeconds is { } s ? [new V1NodeCondition { Type = "Ready", Status = "True", LastHeartbeatTime = T0.AddSeconds(s) }] : [],
        },
    };

    private static V1Lease? Lease(int? renewSeconds) =>
        renewSeconds is { } s ? new V1Lease { Spec = new V1LeaseSpec { RenewTime = T0.AddSeconds(s) } } : null;

    // A node first seen at T0 (heartbeat and lease at 0), then observed again at `at` seconds.
    [Theory]
    [InlineData(0, 0, 39, false)]   // nothing new, within the 40 s grace period
    [InlineData(0, 0, 41, true)]    // nothing new for longer than the grace period
    [InlineData(0, 30, 41, false)]  // the lease was renewed (seen at 41): fresh again
    [InlineData(30, 0, 41, false)]  // the Ready heartbeat moved
    public void A_node_is_stale_once_no_heartbeat_changed_for_the_grace_period(int heartbeat, int renew, int at, bool stale)
    {
        var first = NodeHealth.Observe(null, Node(0), Lease(0), T0);
        var now = T0.AddSeconds(at);

        var second = NodeHealth.Observe(first, Node(heartbeat), Lease(renew), now);

        Assert.Equal(stale, second.IsStale(Node(heartbeat), now, Options));
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(61, true)]
    public void A_node_that_never_posted_Ready_gets_the_startup_grace_period(int at, bool stale)
    {
        var health = NodeHealth.Observe(null, Node(null), null, T0);

        Assert.Equal(stale, health.IsStale(Node(null), T0.AddSeconds(at), Options));
    }

    [Fact]
    public void An_old_lease_renewal_is_not_news()
    {
        var first = NodeHealth.Observe(null, Node(0), Lease(10), T0);

        var second = NodeHealth.Observe(first, Node(0), Lease(5), T0.AddSeconds(50));

        Assert.Equal(T0, second.ProbeTimestamp);
    }
}
