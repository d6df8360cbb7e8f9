using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>
/// Untrusted input gets upstream's status code, reason and Status body, and leaves the store
/// unchanged: the revision does not move.
/// </summary>
public sealed class BadInputTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    public static TheoryData<string, string, HttpStatusCode, string, string> Cases => new()
    {
        { "malformed JSON", "{\"apiVersion\":\"v1\",", HttpStatusCode.BadRequest, "BadRequest", "json parse error" },
        { "not an object", "[1,2]", HttpStatusCode.BadRequest, "BadRequest", "Object 'Kind' is missing" },
        { "wrong type", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":7}}""", HttpStatusCode.BadRequest, "BadRequest", "cannot unmarshal number into field metadata.name of type string" },
        { "wrong kind", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""", HttpStatusCode.BadRequest, "BadRequest", "cannot be handled as a ConfigMap" },
        { "invalid name", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}""", HttpStatusCode.UnprocessableEntity, "Invalid", "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain" },
        { "no name", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}""", HttpStatusCode.UnprocessableEntity, "Invalid", "name or generateName is required" },
        { "namespace mismatch", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"kube-system"}}""", HttpStatusCode.BadRequest, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_create_bodies_get_upstreams_status_and_write_nothing(string why, string body, HttpStatusCode code, string reason, string message)
    {
        var before = await api.Store.GetCurrentRevisionAsync();

        var (status, statusBody, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, body);

        Assert.True(code == status, why);
        AssertStatus(statusBody, (int)code, reason, message);
        Assert.Equal(before, await api.Store.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Unknown_fields_are_rejected_with_Strict_and_warned_about_otherwise()
    {
        const string body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"unknown-fields","bogus":1},"spec":{}}""";

        var (strict, strictBody, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps + "?fieldValidation=Strict", body);
        Assert.Equal(HttpStatusCode.BadRequest, strict);
        AssertStatus(strictBody, 400, "BadRequest", "strict decoding error: unknown field \"metadata.bogus\", unknown field \"spec\"");

        var (warned, created, response) = await api.SendAsync(HttpMethod.Post, ConfigMaps, body);
        Assert.Equal(HttpStatusCode.Created, warned);
        Assert.Contains("299 - \"unknown field \\\"metadata.bogus\\\"\"", response.Headers.GetValues("Warning"));
        Assert.Null(created!["spec"]);
        Assert.Null(created["metadata"]!["bogus"]);
    }

    [Fact]
    public async Task A_body_over_3_MiB_is_413_and_a_foreign_media_type_is_415()
    {
        var big = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\"" + new string('x', 3 * 1024 * 1024) + "\"}}";
        var (tooLarge, tooLargeBody, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        AssertStatus(tooLargeBody, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");

        var (unsupported, unsupportedBody, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, "name: x", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported);
        AssertStatus(unsupportedBody, 415, "UnsupportedMediaType", "the body of the request was in an unknown format");
        Assert.Null(await api.Store.GetAsync("/registry/configmaps/default/big"));
    }

    [Fact]
    public async Task Malformed_yaml_is_a_400_and_valid_yaml_creates()
    {
        var (bad, badBody, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, "apiVersion: v1\nkind: [unclosed", "application/yaml");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        AssertStatus(badBody, 400, "BadRequest", "error converting YAML to JSON");

        var (good, created, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  n: \"1\"\n", "application/yaml");
        Assert.Equal(HttpStatusCode.Created, good);
        Assert.Equal("1", created!["data"]!["n"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_resource_version_on_update_is_a_409_Conflict()
    {
        var (_, created, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"stale"}}""");
        var staleRv = created!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var update = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"stale\",\"resourceVersion\":\"" + staleRv + "\"},\"data\":{\"a\":\"1\"}}";
        var (first, _, _) = await api.SendAsync(HttpMethod.Put, ConfigMaps + "/stale", update);
        Assert.Equal(HttpStatusCode.OK, first);

        var (second, conflict, _) = await api.SendAsync(HttpMethod.Put, ConfigMaps + "/stale", update.Replace("\"1\"", "\"2\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Conflict, second);
        AssertStatus(conflict, 409, "Conflict", "Operation cannot be fulfilled on configmaps \"stale\": the object has been modified; please apply your changes to the latest version and try again");
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_a_404_Status_with_details()
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/nope");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertStatus(body, 404, "NotFound", "deployments.apps \"nope\" not found");
        Assert.Equal("nope", body!["details"]!["name"]!.GetValue<string>());
        Assert.Equal("apps", body["details"]!["group"]!.GetValue<string>());
        Assert.Equal("deployments", body["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_list_parameters_are_400s()
    {
        var (limit, _, _) = await api.SendAsync(HttpMethod.Get, ConfigMaps + "?limit=-1");
        var (rv, _, _) = await api.SendAsync(HttpMethod.Get, ConfigMaps + "?resourceVersion=abc");
        var (token, body, _) = await api.SendAsync(HttpMethod.Get, ConfigMaps + "?limit=1&continue=garbage");

        Assert.Equal(HttpStatusCode.BadRequest, limit);
        Assert.Equal(HttpStatusCode.BadRequest, rv);
        Assert.Equal(HttpStatusCode.BadRequest, token);
        AssertStatus(body, 400, "BadRequest", "continue key is not valid");
    }

    public static TheoryData<string, string, string, HttpStatusCode> SubresourceCases => new()
    {
        { "binding target of the wrong type", "/api/v1/namespaces/default/pods/nope/binding", """{"target":5}""", HttpStatusCode.BadRequest },
        { "eviction grace period of the wrong type", "/api/v1/namespaces/default/pods/nope/eviction", """{"deleteOptions":{"gracePeriodSeconds":"x"}}""", HttpStatusCode.BadRequest },
        { "int32 overflow", "/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"big"},"spec":{"ports":[{"port":3000000000}]}}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(SubresourceCases))]
    public async Task Wrong_types_in_subresource_bodies_are_400_not_500(string why, string path, string body, HttpStatusCode code)
    {
        var (status, statusBody, _) = await api.SendAsync(HttpMethod.Post, path, body);

        Assert.True(code == status, why);
        Assert.Equal((int)code, statusBody!["code"]!.GetValue<int>());
    }

    private static void AssertStatus(JsonObject? status, int code, string reason, string message)
    {
        Assert.NotNull(status);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("v1", status["apiVersion"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal(code, status["code"]!.GetValue<int>());
        Assert.Equal(reason, status["reason"]!.GetValue<string>());
        Assert.Contains(message, status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
