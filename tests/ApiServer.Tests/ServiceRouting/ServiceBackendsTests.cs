using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.ServiceRouting;

namespace Orchestrator.ApiServer.Tests.ServiceRouting;

/// <summary>Which backend of a Service the API server dials: upstream's endpoint routing, table by table.</summary>
public sealed class ServiceBackendsTests
{
    private const string Web = """{"spec":{"type":"ClusterIP","clusterIP":"10.96.0.9","ports":[{"name":"https","port":443,"targetPort":8443},{"name":"metrics","port":9090}]}}""";

    private static string Slice(string addressType, string ports, string endpoints) =>
        $$"""{"addressType":"{{addressType}}","ports":{{ports}},"endpoints":{{endpoints}}}""";

    private static readonly string ReadyHttps = Slice("IPv4", """[{"name":"https","port":8443}]""", """[{"addresses":["10.0.0.5"],"conditions":{"ready":true}}]""");

    public static TheoryData<string, string, string?, string[], string> Cases => new()
    {
        { "the port's target port on a ready endpoint", "web:443", Web, [ReadyHttps], "https://10.0.0.5:8443/" },
        { "the port by name", "web:https", Web, [ReadyHttps], "https://10.0.0.5:8443/" },
        {
            "an endpoint without conditions counts as ready",
            "web:443", Web, [Slice("IPv4", """[{"name":"https","port":8443}]""", """[{"addresses":["10.0.0.6"]}]""")], "https://10.0.0.6:8443/"
        },
        {
            "a not-ready endpoint is skipped for a ready one",
            "web:443", Web,
            [Slice("IPv4", """[{"name":"https","port":8443}]""", """[{"addresses":["10.0.0.7"],"conditions":{"ready":false}},{"addresses":["10.0.0.8"],"conditions":{"ready":true}}]""")],
            "https://10.0.0.8:8443/"
        },
        {
            "a slice without the port's name is passed over",
            "web:443", Web,
            [Slice("IPv4", """[{"name":"metrics","port":9090}]""", """[{"addresses":["10.0.0.1"]}]"""), ReadyHttps], "https://10.0.0.5:8443/"
        },
        {
            "an unnamed service port matches an unnamed slice port",
            "web:80", """{"spec":{"ports":[{"port":80}]}}""",
            [Slice("IPv4", """[{"port":8080}]""", """[{"addresses":["10.0.0.2"]}]""")], "https://10.0.0.2:8080/"
        },
        {
            "the first address of an endpoint, IPv6 in brackets",
            "web:443", Web, [Slice("IPv6", """[{"name":"https","port":8443}]""", """[{"addresses":["fd00::5","fd00::6"]}]""")], "https://[fd00::5]:8443/"
        },
        {
            "the primary IP family's slices come first",
            "web:443", """{"spec":{"ipFamilies":["IPv6","IPv4"],"ports":[{"name":"https","port":443}]}}""",
            [ReadyHttps, Slice("IPv6", """[{"name":"https","port":8443}]""", """[{"addresses":["fd00::1"]}]""")], "https://[fd00::1]:8443/"
        },
        { "NodePort and LoadBalancer services route like ClusterIP", "web:443", Web.Replace("ClusterIP\"", "NodePort\"", StringComparison.Ordinal), [ReadyHttps], "https://10.0.0.5:8443/" },
        { "an ExternalName service is dialled at its name", "ext:8443", """{"spec":{"type":"ExternalName","externalName":"hooks.example.com"}}""", [], "https://hooks.example.com:8443/" },
        { "a missing service", "gone:443", null, [], "503 service \"gone\" not found" },
        { "no such port number", "web:8080", Web, [ReadyHttps], "503 no service port 8080 found for service \"web\"" },
        { "no such port name", "web:grpc", Web, [ReadyHttps], "503 no service port \"grpc\" found for service \"web\"" },
        { "no slices", "web:443", Web, [], "503 no endpoints available for service \"web\"" },
        {
            "only not-ready endpoints",
            "web:443", Web, [Slice("IPv4", """[{"name":"https","port":8443}]""", """[{"addresses":["10.0.0.7"],"conditions":{"ready":false}}]""")],
            "503 no endpoints available for service \"web\""
        },
        { "a slice port without a number", "web:443", Web, [Slice("IPv4", """[{"name":"https"}]""", """[{"addresses":["10.0.0.5"]}]""")], "503 no endpoints available for service \"web\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolves_as_upstreams_endpoint_routing(string why, string reference, string? service, string[] slices, string expected)
    {
        string actual;
        try
        {
            actual = ServiceBackends.Choose(Reference(reference), Parse(service), [.. slices.Select(s => Parse(s)!)], new Random(7)).ToString();
        }
        catch (ApiException e)
        {
            Assert.Equal("ServiceUnavailable", e.Reason);
            actual = $"{e.Code} {e.Message}";
        }

        Assert.True(expected == actual, $"{why}: expected {expected}, got {actual}");
    }

    [Fact]
    public void Each_ready_endpoint_is_chosen_some_of_the_time_and_never_a_not_ready_one()
    {
        var slice = Parse(Slice("IPv4", """[{"name":"https","port":8443}]""",
            """[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"],"conditions":{"ready":false}},{"addresses":["10.0.0.3"]}]"""))!;
        var random = new Random(42);
        var chosen = Enumerable.Range(0, 200)
            .Select(_ => ServiceBackends.Choose(new("ns", "web", 443), Parse(Web), [slice], random).Host)
            .ToHashSet();
        Assert.Equal(["10.0.0.1", "10.0.0.3"], chosen.Order());
    }

    [Fact]
    public void An_unsupported_service_type_is_refused_with_upstreams_text()
    {
        var e = Assert.Throws<ApiException>(() => ServiceBackends.Choose(new("ns", "web", 443), Parse("""{"spec":{"type":"Magic"}}"""), [], Random.Shared));
        Assert.Equal("unsupported service type \"Magic\"", e.Message);
    }

    [Theory]
    [InlineData("web.ns.svc", true, "ns", "web")]
    [InlineData("web.ns.svc.cluster.local", false, "", "")]
    [InlineData("hooks.example.com", false, "", "")]
    [InlineData(".ns.svc", false, "", "")]
    public void Service_server_names_parse_back_to_the_service(string host, bool parsed, string ns, string name)
    {
        Assert.Equal((parsed, ns, name), (ServiceReference.TryParseServerName(host, out var n, out var s), n, s));
    }

    [Fact]
    public void A_service_url_names_the_service_and_keeps_port_and_path()
    {
        Assert.Equal("https://hook.webhooks.svc:8443/validate", new ServiceReference("webhooks", "hook", 8443, Path: "/validate").Url.ToString());
    }

    /// <summary>"name:443" (the port by number) or "name:https" (by name), in namespace "ns".</summary>
    private static ServiceReference Reference(string text)
    {
        var (name, port) = (text[..text.IndexOf(':', StringComparison.Ordinal)], text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return int.TryParse(port, out var number) ? new ServiceReference("ns", name, number) : new ServiceReference("ns", name, null, port);
    }

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json)!.AsObject();
}
