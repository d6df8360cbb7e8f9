using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>Which endpoint services/{id}/proxy goes to, as upstream's service ResourceLocation picks it.</summary>
public sealed class ServiceProxyLocationTests
{
    private static readonly JsonObject Service = JsonNode.Parse("""
        {"spec":{"ports":[{"name":"http","port":80,"targetPort":"web"},{"name":"metrics","port":9100}]}}
        """)!.AsObject();

    [Theory]
    [InlineData("web:80", "http")]
    [InlineData("web:9100", "metrics")]
    [InlineData("web:http", "http")]
    [InlineData("web", "")]
    [InlineData("https:web:metrics", "metrics")]
    public void A_port_number_names_the_service_port_and_a_name_is_used_as_it_is(string id, string portName) =>
        Assert.Equal(portName, ServiceProxyLocation.PortName(ProxyId.Parse(id, "service"), () => Service));

    [Fact]
    public void A_port_number_the_service_does_not_have_is_service_unavailable()
    {
        var error = Assert.Throws<ApiException>(() => ServiceProxyLocation.PortName(ProxyId.Parse("web:81", "service"), () => Service));

        Assert.Equal(503, error.Code);
        Assert.Equal("no service port 81 found for service \"web\"", error.Message);
    }

    [Fact]
    public void An_unnamed_service_port_matches_the_unnamed_endpoint_port()
    {
        var single = JsonNode.Parse("""{"spec":{"ports":[{"port":80}]}}""")!.AsObject();
        var endpoints = Endpoints(("", 8080, ["10.0.0.1/a"]));

        var portName = ServiceProxyLocation.PortName(ProxyId.Parse("web:80", "service"), () => single);

        Assert.Equal([new ServiceProxyCandidate("10.0.0.1", 8080, "a")], ServiceProxyLocation.Candidates(endpoints, portName, "default", "web", new Random(1)));
    }

    [Fact]
    public void Endpoints_without_subsets_are_no_endpoints_available_for_the_service_name()
    {
        var error = Assert.Throws<ApiException>(() => ServiceProxyLocation.Candidates(new JsonObject(), "http", "default", "web", new Random(1)));

        Assert.Equal(503, error.Code);
        Assert.Equal("no endpoints available for service \"web\"", error.Message);
    }

    [Fact]
    public void Only_subsets_with_addresses_and_the_port_name_count_and_addresses_need_a_pod_of_the_namespace()
    {
        var endpoints = Endpoints(
            ("metrics", 9100, ["10.0.0.1/a"]),
            ("http", 8080, []),
            ("http", 8081, ["10.0.0.2/b", "10.0.0.3/other:c", "10.0.0.4/"]));

        var candidates = ServiceProxyLocation.Candidates(endpoints, "http", "default", "web", new Random(7));

        Assert.Equal([new ServiceProxyCandidate("10.0.0.2", 8081, "b")], candidates);
    }

    [Fact]
    public void Every_address_is_tried_once_starting_from_a_random_one()
    {
        var endpoints = Endpoints(("http", 80, ["10.0.0.1/a", "10.0.0.2/b", "10.0.0.3/c"]));

        var starts = Enumerable.Range(0, 30)
            .Select(seed => ServiceProxyLocation.Candidates(endpoints, "http", "default", "web", new Random(seed)))
            .ToList();

        Assert.All(starts, c => Assert.Equal(["a", "b", "c"], c.Select(x => x.PodName).Order()));
        Assert.True(starts.Select(c => c[0].PodName).Distinct().Count() > 1, "the first address is chosen at random");
    }

    [Fact]
    public void A_pod_counts_only_while_it_has_the_endpoint_s_ip()
    {
        var pod = JsonNode.Parse("""{"status":{"podIPs":[{"ip":"10.0.0.2"},{"ip":"fd00::2"}]}}""")!.AsObject();

        Assert.True(ServiceProxyLocation.PodHasIp(pod, "fd00::2"));
        Assert.False(ServiceProxyLocation.PodHasIp(pod, "10.0.0.3"));
    }

    /// <summary>Endpoints with one port per subset; addresses as "ip/pod" or "ip/namespace:pod" (empty pod: no targetRef).</summary>
    private static JsonObject Endpoints(params (string Port, int Number, string[] Addresses)[] subsets) => new()
    {
        ["subsets"] = new JsonArray([.. subsets.Select(s => (JsonNode)new JsonObject
        {
            ["addresses"] = new JsonArray([.. s.Addresses.Select(Address)]),
            ["ports"] = new JsonArray(new JsonObject { ["name"] = s.Port, ["port"] = s.Number }),
        })]),
    };

    private static JsonNode Address(string spec)
    {
        var (ip, target) = (spec.Split('/')[0], spec.Split('/')[1]);
        var address = new JsonObject { ["ip"] = ip };
        if (target.Length > 0)
        {
            var (ns, name) = target.Contains(':', StringComparison.Ordinal) ? (target.Split(':')[0], target.Split(':')[1]) : ("default", target);
            address["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = ns, ["name"] = name };
        }

        return address;
    }
}
