using Orchestrator.KubeProxy.Backends.Iptables;
using static Orchestrator.KubeProxy.Tests.Backends.Iptables.IptablesPlanInputs;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

public class RestoreScriptTests
{
    [Fact]
    public void Partial_script_keeps_top_level_chains_and_leaves_unchanged_service_chains_out()
    {
        var ruleset = IptablesRenderer.Render(
            PlanOf(Web() with { ClusterEndpoints = [Ep("10.244.1.5", 8080)] }, Dns([Ep("10.244.0.5", 53)])),
            IptablesRenderOptions.Default);

        var script = RestoreScript.Compose(ruleset, s => s.Name.Name == "web", ["KUBE-SEP-OLDOLDOLDOLDOLDO"]);

        Assert.Contains(":KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]", script);
        Assert.DoesNotContain(":KUBE-SVC-TCOU7JCQXEZGVUNU", script);
        Assert.Contains("-j KUBE-SVC-TCOU7JCQXEZGVUNU", script);
        Assert.Contains(":KUBE-SEP-OLDOLDOLDOLDOLDO - [0:0]", script);
        Assert.EndsWith("-X KUBE-SEP-OLDOLDOLDOLDOLDO\n" + ruleset.NodePortsJump + "\nCOMMIT\n", script);
    }

    [Theory]
    [InlineData(1001, true)] // 1,001 endpoints, not above the threshold
    [InlineData(1000, false)]
    public void Endpoint_rules_lose_their_comments_above_the_large_cluster_threshold(int threshold, bool commented)
    {
        var services = Enumerable.Range(0, 1001).Select(i => Web("s" + i, "10.96.1.1") with { ClusterEndpoints = [Ep("10.244.1.5", 8080)] }).ToArray();
        var text = IptablesRenderer.RenderText(PlanOf(services), IptablesRenderOptions.Default with { LargeClusterEndpointThreshold = threshold });
        Assert.Equal(commented, text.Contains("-m comment --comment \"default/s0:http -> 10.244.1.5:8080\"", StringComparison.Ordinal));
    }
}
