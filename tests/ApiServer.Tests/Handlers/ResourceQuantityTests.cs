using System.Net;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Quantities through the API: malformed ones fail decoding (400), valid ones are stored in canonical form and checked (422).</summary>
public sealed class ResourceQuantityTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5.5")]
    public async Task A_malformed_quantity_is_a_bad_request(string quantity)
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, Pods, Pod($"bad-{quantity.Length}", $$$"""{"requests":{"cpu":"{{{quantity}}}"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadRequest", body!["reason"]!.GetValue<string>());
        Assert.Equal(
            "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_above_limits_are_invalid()
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, Pods, Pod("over", """{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(
            "Pod \"over\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
            body!["message"]!.GetValue<string>());
        Assert.Equal("spec.containers[0].resources.requests", body["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Quantities_are_stored_in_canonical_form()
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, Pods, Pod("canon", """{"requests":{"cpu":0.5,"memory":"1024Mi"},"limits":{"cpu":"1000m"}}"""));

        Assert.Equal(HttpStatusCode.Created, status);
        var resources = body!["spec"]!["containers"]![0]!["resources"]!;
        Assert.Equal("500m", resources["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("1Gi", resources["requests"]!["memory"]!.GetValue<string>());
        Assert.Equal("1", resources["limits"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deployment_template_is_validated_too()
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"neg"},"spec":{"selector":{"matchLabels":{"app":"a"}},
             "template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"memory":"-1"}}}]}}}}
            """);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("spec.template.spec.containers[0].resources.limits[memory]: Invalid value: \"-1\": must be greater than or equal to 0", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string Pod(string name, string resources) => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"c","image":"nginx","resources":{{{resources}}}}]}}
        """;
}
