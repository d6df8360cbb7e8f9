using Orchestrator.ApiMachinery.Bootstrap;
using Orchestrator.ControllerManager.Controllers.BootstrapSigner;

namespace Orchestrator.ControllerManager.Tests.Controllers.BootstrapSigner;

/// <summary>cluster-info gets one signature per valid signing token, loses stale ones, and is left alone when already right.</summary>
public sealed class ClusterInfoSignaturePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly BootstrapToken A = BootstrapToken.Parse("aaaaaa.0123456789abcdef");
    private static readonly BootstrapToken B = BootstrapToken.Parse("bbbbbb.0123456789abcdef");

    private static BootstrapTokenSecret Token(BootstrapToken token, DateTimeOffset? expires = null, string usage = "signing") =>
        new(token, expires, ["authentication", usage], [], "");

    [Fact]
    public void Signs_for_each_valid_signing_token_and_drops_stale_signatures()
    {
        var data = new Dictionary<string, string> { ["kubeconfig"] = "K", ["jws-kubeconfig-zzzzzz"] = "old", ["other"] = "kept" };
        var plan = ClusterInfoSignaturePlanner.Plan(data, [Token(A), Token(B, Now.AddHours(1)), Token(BootstrapToken.Parse("cccccc.0123456789abcdef"), Now.AddSeconds(-1)), Token(BootstrapToken.Parse("dddddd.0123456789abcdef"), usage: "x")], Now);
        Assert.NotNull(plan);
        Assert.Equal(["jws-kubeconfig-aaaaaa", "jws-kubeconfig-bbbbbb", "kubeconfig", "other"], plan.Keys.Order(StringComparer.Ordinal));
        Assert.True(DetachedJws.Verify(plan["jws-kubeconfig-aaaaaa"], "K", A));
        Assert.True(DetachedJws.Verify(plan["jws-kubeconfig-bbbbbb"], "K", B));
    }

    [Fact]
    public void Signed_cluster_info_is_left_alone_and_a_changed_kubeconfig_is_resigned()
    {
        var signed = new Dictionary<string, string> { ["kubeconfig"] = "K", ["jws-kubeconfig-aaaaaa"] = DetachedJws.Sign("K", A) };
        Assert.Null(ClusterInfoSignaturePlanner.Plan(signed, [Token(A)], Now));

        signed["kubeconfig"] = "K2";
        var plan = ClusterInfoSignaturePlanner.Plan(signed, [Token(A)], Now);
        Assert.True(DetachedJws.Verify(plan!["jws-kubeconfig-aaaaaa"], "K2", A));
    }

    [Fact]
    public void Without_a_kubeconfig_there_is_nothing_to_sign()
    {
        Assert.Null(ClusterInfoSignaturePlanner.Plan(new Dictionary<string, string> { ["x"] = "y" }, [Token(A)], Now));
    }
}
