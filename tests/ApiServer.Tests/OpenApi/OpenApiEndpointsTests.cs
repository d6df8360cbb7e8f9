using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.OpenApi;

public sealed class OpenApiEndpointsTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => server.Http;

    [Fact]
    public async Task Root_lists_every_group_version_with_the_hash_of_its_document()
    {
        using var root = await Client.GetAsync("/openapi/v3?timeout=32s");

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("application/json", root.Content.Headers.ContentType?.MediaType);
        Assert.True(root.Headers.CacheControl?.NoCache);
        var paths = JsonNode.Parse(await root.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        Assert.Contains("api/v1", paths.Select(p => p.Key));
        Assert.Contains("apis/apps/v1", paths.Select(p => p.Key));

        foreach (var (key, value) in paths)
        {
            var url = (string)value!["serverRelativeURL"]!;
            Assert.StartsWith($"/openapi/v3/{key}?hash=", url);
            using var document = await Client.GetAsync(url + "&timeout=32s");
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            var bytes = await document.Content.ReadAsByteArrayAsync();
            Assert.Equal(url[(url.IndexOf("hash=", StringComparison.Ordinal) + 5)..], Convert.ToHexString(SHA512.HashData(bytes)));
            Assert.True(document.Headers.CacheControl?.Public);
            Assert.Equal("3.0.0", (string?)JsonNode.Parse(bytes)!["openapi"]);
        }
    }

    [Fact]
    public async Task Unknown_group_version_is_a_404_status()
    {
        using var response = await Client.GetAsync("/openapi/v3/apis/example.com/v1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("v1", (string?)status["apiVersion"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal("NotFound", (string?)status["reason"]);
        Assert.Equal(404, (int?)status["code"]);
    }

    [Fact]
    public async Task Stale_hash_redirects_to_the_current_document()
    {
        using var response = await Client.GetAsync("/openapi/v3/apis/apps/v1?hash=ABC");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.StartsWith("/openapi/v3/apis/apps/v1?hash=", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task V2_is_protobuf_with_the_dotted_content_type_when_kubectl_asks_for_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2?timeout=32s");
        request.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
            response.Content.Headers.GetValues("Content-Type").Single());
        var document = new ProtoFields(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("2.0", document.String(1));
    }

    [Fact]
    public async Task V2_is_json_when_json_is_asked_for()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2.0", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["swagger"]);
    }

    [Fact]
    public async Task Legacy_swagger_protobuf_name_is_not_found()
    {
        using var response = await Client.GetAsync("/swagger-2.0.0.pb-v1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
