using Orchestrator.KubeProxy.Backends.Iptables;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

public class IptablesChainsTests
{
    private static readonly ServicePortName KubeDns = new("kube-system", "kube-dns", "dns", "udp");

    [Fact]
    public void Kube_dns_chain_names_match_upstream_vectors()
    {
        Assert.Equal("KUBE-SVC-TCOU7JCQXEZGVUNU", IptablesChains.ClusterPolicy(KubeDns));
        Assert.Equal("KUBE-SVL-TCOU7JCQXEZGVUNU", IptablesChains.LocalPolicy(KubeDns));
        Assert.Equal("KUBE-EXT-TCOU7JCQXEZGVUNU", IptablesChains.External(KubeDns));
        Assert.Equal("KUBE-SEP-LPGSDLJ3FDW46N4W", IptablesChains.Endpoint(KubeDns, IptablesPlanInputs.Ep("10.244.0.5", 53)));
    }

    [Fact]
    public void Web_chain_names_match_the_reference_ruleset()
    {
        // multinode-netns.md §4.1: default/web:http over tcp, endpoint 10.244.1.5:8080.
        var web = new ServicePortName("default", "web", "http", "tcp");
        Assert.Equal("KUBE-SVC-CDGGSHYLG3RE2FKL", IptablesChains.ClusterPolicy(web));
        Assert.Equal("KUBE-SEP-AFGSLHOD2HFNCBX4", IptablesChains.Endpoint(web, IptablesPlanInputs.Ep("10.244.1.5", 8080)));
    }

    [Fact]
    public void Rendered_dns_service_jumps_to_the_upstream_named_chains()
    {
        var text = IptablesRenderer.RenderText(IptablesPlanInputs.PlanOf(IptablesPlanInputs.Dns([IptablesPlanInputs.Ep("10.244.0.5", 53)])), IptablesRenderOptions.Default);
        Assert.Contains("-A KUBE-SERVICES -m comment --comment \"kube-system/kube-dns:dns cluster IP\" -m udp -p udp -d 10.96.0.10 --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU", text);
        Assert.Contains("-A KUBE-SEP-LPGSDLJ3FDW46N4W -m comment --comment kube-system/kube-dns:dns -m udp -p udp -j DNAT --to-destination 10.244.0.5:53", text);
    }

    [Theory]
    [InlineData("KUBE-SVC-TCOU7JCQXEZGVUNU", true)]
    [InlineData("KUBE-SEP-LPGSDLJ3FDW46N4W", true)]
    [InlineData("KUBE-EXT-TCOU7JCQXEZGVUNU", true)]
    [InlineData("KUBE-FW-TCOU7JCQXEZGVUNU", true)]
    [InlineData("KUBE-SVL-TCOU7JCQXEZGVUNU", true)]
    [InlineData("KUBE-SERVICES", false)]
    [InlineData("KUBE-MARK-MASQ", false)]
    [InlineData("DOCKER", false)]
    public void Only_per_service_chains_count_as_deletable_when_stale(string chain, bool expected) =>
        Assert.Equal(expected, IptablesChains.IsServiceChain(chain));
}
