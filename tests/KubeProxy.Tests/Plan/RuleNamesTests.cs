using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests.Plan;

public class RuleNamesTests
{
    // Test vectors computed from upstream's portProtoHash / servicePortEndpointChainName (windows-hns-and-iptables.md §3).
    [Theory]
    [InlineData("kube-system/kube-dns:dnsudp", "TCOU7JCQXEZGVUNU")]
    [InlineData("default/kubernetes:httpstcp", "NPX46M4PTMTKRN6Y")]
    [InlineData("kube-system/kube-dns:dnsudp10.244.0.5:53", "LPGSDLJ3FDW46N4W")]
    public void Hash_matches_upstream_iptables_chain_hashes(string input, string expected) =>
        Assert.Equal(expected, RuleNames.Hash(input, 16));

    [Fact]
    public void Shorter_hashes_are_prefixes() =>
        Assert.Equal("TCOU7JCQ", RuleNames.Hash("kube-system/kube-dns:dnsudp", 8));
}
