using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry.Core.ComponentStatuses;

namespace Orchestrator.ApiServer.Tests.Registry.Core.ComponentStatuses;

/// <summary>A component's ComponentStatus from its leader Lease, and the store's as etcd-0.</summary>
public sealed class ComponentHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-06T11:59:50.000000Z", 15, "True", "ok", null)]
    [InlineData("2026-12-06T11:59:45.000000Z", 15, "True", "ok", null)]
    [InlineData("2026-12-06T11:59:00.000000Z", 15, "False", null, "leader lease kube-system/kube-scheduler held by node-a_1 expired at 2026-12-06T11:59:15Z")]
    public void A_lease_renewed_within_its_duration_is_healthy(string renewTime, int duration, string status, string? message, string? error)
    {
        var lease = new JsonObject { ["spec"] = new JsonObject { ["holderIdentity"] = "node-a_1", ["leaseDurationSeconds"] = duration, ["renewTime"] = renewTime } };

        var condition = ComponentHealth.FromLease("scheduler", lease, Now)["conditions"]![0]!;

        Assert.Equal(("Healthy", status), (condition["type"]!.GetValue<string>(), condition["status"]!.GetValue<string>()));
        Assert.Equal(message, condition["message"]?.GetValue<string>());
        Assert.Equal(error, condition["error"]?.GetValue<string>());
    }

    [Fact]
    public void No_lease_or_a_lease_nobody_holds_is_unhealthy_with_the_reason()
    {
        var missing = ComponentHealth.FromLease("controller-manager", null, Now);
        var released = ComponentHealth.FromLease("controller-manager", new JsonObject { ["spec"] = new JsonObject { ["leaseDurationSeconds"] = 15 } }, Now);

        Assert.Equal("controller-manager", missing["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("no leader lease kube-system/kube-controller-manager", missing["conditions"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("leader lease kube-system/kube-controller-manager is not held", released["conditions"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("False", released["conditions"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void The_store_is_etcd_0_with_etcd_s_health_answer_or_its_error()
    {
        var healthy = ComponentHealth.FromStore(null);
        var failing = ComponentHealth.FromStore(new InvalidOperationException("database is locked"));

        Assert.Equal("etcd-0", healthy["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("{\"health\":\"true\",\"reason\":\"\"}", healthy["conditions"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(("False", "database is locked"), (failing["conditions"]![0]!["status"]!.GetValue<string>(), failing["conditions"]![0]!["error"]!.GetValue<string>()));
    }
}
