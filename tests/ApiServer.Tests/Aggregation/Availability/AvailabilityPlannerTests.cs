using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Aggregation;
using Orchestrator.ApiServer.Aggregation.Availability;
using Orchestrator.ApiServer.ServiceRouting;

namespace Orchestrator.ApiServer.Tests.Aggregation.Availability;

/// <summary>kube-aggregator's availability checks as a table: APIService, Service and EndpointSlices in, the condition (or "probe") out.</summary>
public sealed class AvailabilityPlannerTests
{
    private const string Service = """{"metadata":{"name":"api","namespace":"sample"},"spec":{"type":"ClusterIP","ports":[{"name":"https","port":443}]}}""";
    private const string ReadySlice = """{"endpoints":[{"addresses":["10.0.0.5"],"conditions":{"ready":true}}],"ports":[{"name":"https","port":8443}]}""";

    public static TheoryData<string, string?, string[], string?> Cases => new()
    {
        // local APIService: always available
        { "local", null, [], "True|Local|Local APIServices are always available" },
        // the Service does not exist
        { "remote:443", null, [], "False|ServiceNotFound|service/api in \"sample\" is not present" },
        // the Service has no port the APIService names
        { "remote:8443", Service, [ReadySlice], "False|ServicePortError|service/api in \"sample\" is not listening on port 8443" },
        // no EndpointSlice at all
        { "remote:443", Service, [], "False|EndpointsNotFound|cannot find endpointslices for service/api in \"sample\"" },
        // slices, but every endpoint is not ready
        { "remote:443", Service, ["""{"endpoints":[{"addresses":["10.0.0.5"],"conditions":{"ready":false}}],"ports":[{"name":"https","port":8443}]}"""], "False|MissingEndpoints|endpointslices for service/api in \"sample\" have no addresses with port name \"https\"" },
        // a ready endpoint, but the slice's port has another name
        { "remote:443", Service, ["""{"endpoints":[{"addresses":["10.0.0.5"]}],"ports":[{"name":"http","port":8080}]}"""], "False|MissingEndpoints|endpointslices for service/api in \"sample\" have no addresses with port name \"https\"" },
        // a ready endpoint (an unset condition counts as ready) with the port: the backend must be asked
        { "remote:443", Service, ["""{"endpoints":[{"addresses":["10.0.0.5"]}],"ports":[{"name":"https","port":8443}]}"""], null },
        // one good slice among bad ones is enough
        { "remote:443", Service, ["""{"endpoints":[],"ports":[{"name":"https","port":8443}]}""", ReadySlice], null },
        // an unnamed service port matches an unnamed slice port
        { "remote:443", """{"metadata":{"name":"api","namespace":"sample"},"spec":{"ports":[{"port":443}]}}""", ["""{"endpoints":[{"addresses":["10.0.0.5"]}],"ports":[{"port":8443}]}"""], null },
        // an ExternalName Service is not checked for endpoints: straight to the probe
        { "remote:443", """{"metadata":{"name":"api","namespace":"sample"},"spec":{"type":"ExternalName","externalName":"api.example.com"}}""", [], null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_decides_upstreams_condition_or_asks_for_the_probe(string apiService, string? service, string[] slices, string? expected)
    {
        var entry = apiService == "local"
            ? Entry(null)
            : Entry(new ServiceReference("sample", "api", int.Parse(apiService.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)));

        var condition = AvailabilityPlanner.Check(entry, service is null ? null : JsonNode.Parse(service)!.AsObject(), [.. slices.Select(s => JsonNode.Parse(s)!.AsObject())]);

        Assert.Equal(expected, condition is null ? null : $"{condition.Status}|{condition.Reason}|{condition.Message}");
    }

    [Theory]
    [InlineData(null, "True", "Passed", "all checks passed")]
    [InlineData("failing or missing response from https://10.0.0.5:8443/apis/wardle.example.com/v1alpha1: bad status from https://10.0.0.5:8443/apis/wardle.example.com/v1alpha1: 503",
        "False", "FailedDiscoveryCheck", "failing or missing response from https://10.0.0.5:8443/apis/wardle.example.com/v1alpha1: bad status from https://10.0.0.5:8443/apis/wardle.example.com/v1alpha1: 503")]
    public void After_the_probe_the_condition_is_passed_or_failed_discovery_check(string? error, string status, string reason, string message)
    {
        Assert.Equal(new AvailabilityCondition(status, reason, message), AvailabilityPlanner.AfterProbe(error));
    }

    private static ApiServiceEntry Entry(ServiceReference? service) =>
        new("v1alpha1.wardle.example.com", "wardle.example.com", "v1alpha1", 1000, 15, service, "", service is not null, false, "7");
}
