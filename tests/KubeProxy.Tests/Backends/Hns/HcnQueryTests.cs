using Orchestrator.KubeProxy.Backends.Hns;

namespace Orchestrator.KubeProxy.Tests.Backends.Hns;

public class HcnQueryTests
{
    [Fact]
    public void A_query_by_id_holds_its_filter_as_a_json_string() =>
        Assert.Equal(
            """{"SchemaVersion":{"Major":2,"Minor":0},"Flags":1,"Filter":"{\"ID\":\"5C1E0D2A-0000-0000-0000-000000000001\"}"}""",
            HcnJson.Serialize(HcnQuery.ById("5C1E0D2A-0000-0000-0000-000000000001")));

    [Fact]
    public void Queries_by_name_and_by_network_use_hcsshims_filter_keys()
    {
        Assert.Equal("""{"SchemaVersion":{"Major":2,"Minor":0},"Flags":1,"Filter":"{\"Name\":\"cbr0\"}"}""", HcnJson.Serialize(HcnQuery.ByName("cbr0")));
        Assert.Equal("""{"SchemaVersion":{"Major":2,"Minor":0},"Flags":1,"Filter":"{\"VirtualNetwork\":\"N1\"}"}""", HcnJson.Serialize(HcnQuery.ByNetwork("N1")));
        Assert.Equal("""{"SchemaVersion":{"Major":2,"Minor":0},"Flags":1}""", HcnJson.Serialize(HcnQuery.All));
    }

    [Fact]
    public void A_load_balancer_document_from_hns_reads_back_with_its_id()
    {
        const string stored = """{"ID":"A07F0000-0000-0000-0000-000000000002","HostComputeEndpoints":["5C1E"],"FrontendVIPs":["10.96.0.10"],"PortMappings":[{"Protocol":17,"InternalPort":53,"ExternalPort":53}],"SchemaVersion":{"Major":2,"Minor":0},"Flags":0}""";

        var read = HcnJson.Deserialize<HcnLoadBalancer>(stored);

        Assert.Equal("A07F0000-0000-0000-0000-000000000002", read.Id);
        Assert.Equal(17u, read.PortMappings![0].Protocol);
    }

    [Fact]
    public void The_endpoints_hash_ignores_order_and_case_as_winkernels_xor_of_sha1()
    {
        var one = HnsLoadBalancerIdentifier.HashEndpoints(["a07f", "5C1E"]);

        Assert.Equal(one, HnsLoadBalancerIdentifier.HashEndpoints(["5c1e", "A07F"]));
        Assert.NotEqual(one, HnsLoadBalancerIdentifier.HashEndpoints(["5C1E"]));
        Assert.Equal(new string('0', 40), HnsLoadBalancerIdentifier.HashEndpoints([]));
    }

    [Fact]
    public void Dry_run_guids_are_stable_name_based_uuids()
    {
        var guid = HnsDocuments.DeterministicGuid("10.244.1.5");

        Assert.Equal(guid, HnsDocuments.DeterministicGuid("10.244.1.5"));
        Assert.NotEqual(guid, HnsDocuments.DeterministicGuid("10.244.1.6"));
        Assert.Equal('5', guid[14]);
        Assert.Equal(guid.ToUpperInvariant(), guid);
    }
}
