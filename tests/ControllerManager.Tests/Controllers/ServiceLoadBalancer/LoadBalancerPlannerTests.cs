using k8s.Models;
using Orchestrator.Client;
using Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

namespace Orchestrator.ControllerManager.Tests.Controllers.ServiceLoadBalancer;

public sealed class LoadBalancerPlannerTests
{
    private static readonly NamespacedName Web = new("default", "web");
    private static readonly NamespacedName Other = new("default", "other");
    private static readonly string[] NodeAddresses = ["10.0.0.2", "10.0.0.3"];

    private static V1Service Service(string type = "LoadBalancer", string? requested = null, string? loadBalancerClass = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1ServiceSpec { Type = type, LoadBalancerIP = requested, LoadBalancerClass = loadBalancerClass },
    };

    /// <summary>A 10.1.0.0/30 pool where "other" holds the addresses listed and "web" holds <paramref name="webHolds"/>.</summary>
    private static PoolAllocations Pool(string? webHolds = null, params string[] otherHolds)
    {
        var pool = new PoolAllocations(AddressPool.Parse("10.1.0.0/30"));
        foreach (var address in otherHolds)
        {
            Assert.True(pool.Claim(new NamespacedName("default", "other-" + address), address));
        }

        if (webHolds is not null)
        {
            Assert.True(pool.Claim(Web, webHolds));
        }

        return pool;
    }

    private static readonly Dictionary<string, (V1Service? Service, PoolAllocations? Pool, LoadBalancerPlan Expected)> Cases = new()
    {
        ["nodes: every eligible node's address"] = (Service(), null, new LoadBalancerPlan(true, NodeAddresses)),
        ["deleted: give back"] = (null, Pool("10.1.0.1"), LoadBalancerPlan.Ignore),
        ["a class: someone else's"] = (Service(loadBalancerClass: "example.com/lb"), null, LoadBalancerPlan.Ignore),
        ["type changed away: clear and give back"] = (Service(type: "ClusterIP"), Pool("10.1.0.1"), new LoadBalancerPlan(false, [], Release: true)),
        ["pool: first free"] = (Service(), Pool(null, "10.1.0.0"), new LoadBalancerPlan(true, ["10.1.0.1"], Claim: "10.1.0.1")),
        ["pool: keeps what it holds"] = (Service(), Pool("10.1.0.2"), new LoadBalancerPlan(true, ["10.1.0.2"])),
        ["pool: requested and free"] = (Service(requested: "10.1.0.3"), Pool(), new LoadBalancerPlan(true, ["10.1.0.3"], Claim: "10.1.0.3")),
        ["pool: requested and already held"] = (Service(requested: "10.1.0.3"), Pool("10.1.0.3"), new LoadBalancerPlan(true, ["10.1.0.3"])),
        ["pool: request moves it"] = (Service(requested: "10.1.0.3"), Pool("10.1.0.0"), new LoadBalancerPlan(true, ["10.1.0.3"], Claim: "10.1.0.3")),
        ["pool: requested outside the pool"] = (
            Service(requested: "192.0.2.1"), Pool(),
            new LoadBalancerPlan(true, [], Failure: "requested loadBalancerIP 192.0.2.1 is not in the load-balancer address pool")),
        ["pool: requested but taken"] = (
            Service(requested: "10.1.0.2"), Pool("10.1.0.0", "10.1.0.2"),
            new LoadBalancerPlan(true, [], Release: true, Failure: "requested loadBalancerIP 10.1.0.2 is already allocated to default/other-10.1.0.2")),
        ["pool: exhausted"] = (
            Service(), Pool(null, "10.1.0.0", "10.1.0.1", "10.1.0.2", "10.1.0.3"),
            new LoadBalancerPlan(true, [], Failure: "no free address left in the load-balancer address pool")),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Plans_the_ingress_and_the_pool_change(string because)
    {
        var (service, pool, expected) = Cases[because];
        var plan = LoadBalancerPlanner.Plan(service, Web, NodeAddresses, pool);

        Assert.True(
            (plan.Wanted, plan.Claim, plan.Release, plan.Failure) == (expected.Wanted, expected.Claim, expected.Release, expected.Failure),
            $"{because}: got {plan}");
        Assert.Equal(expected.Ingress, plan.Ingress);
    }

    [Fact]
    public void Planning_never_changes_the_pool()
    {
        var pool = Pool(null, "10.1.0.0");

        LoadBalancerPlanner.Plan(Service(), Web, NodeAddresses, pool);

        Assert.Null(pool.HeldBy(Web));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void A_claim_gives_back_the_previous_address_and_a_taken_one_is_refused()
    {
        var pool = Pool("10.1.0.0");

        Assert.True(pool.Claim(Web, "10.1.0.2"));
        Assert.Null(pool.HolderOf("10.1.0.0"));
        Assert.False(pool.Claim(Other, "10.1.0.2"));
        Assert.False(pool.Claim(Other, "192.0.2.1"));
        Assert.Equal("10.1.0.2", pool.Release(Web));
        Assert.Equal("10.1.0.0", pool.FirstFree());
    }
}
