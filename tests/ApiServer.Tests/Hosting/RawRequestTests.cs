using System.Diagnostics;

namespace Orchestrator.ApiServer.Tests.Hosting;

/// <summary>
/// Requests no well-behaved client sends, written byte for byte on a socket: every answer is a
/// Status with upstream's code and reason, and a path is never resolved into another resource.
/// </summary>
public sealed class RawRequestTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    public static TheoryData<string, int, string> DotSegments => new()
    {
        { "/api/v1/namespaces/../secrets", 400, "Namespace parameter invalid: \"..\": may not be '..'" },
        { "/api/v1/namespaces/%2e%2e/secrets", 400, "Namespace parameter invalid: \"..\": may not be '..'" },
        { "/api/v1/namespaces/./secrets", 400, "Namespace parameter invalid: \".\": may not be '.'" },
        { "/api/v1/namespaces/default/secrets/..", 400, "Name parameter invalid: \"..\": may not be '..'" },
        { "/api/v1/namespaces/default/secrets/a%2Fb", 400, "Name parameter invalid: \"a/b\": may not contain '/'" },
        { "/api/v1/namespaces/default/secrets/a%25b", 400, "Name parameter invalid: \"a%b\": may not contain '%'" },
        { "/api/v1/namespaces/default/configmaps/%2e%2e/secrets/raw-secret", 404, "the server could not find the requested resource" },
        { "/api/v1/namespaces/default/configmaps/../secrets/raw-secret", 404, "the server could not find the requested resource" },
        { "/apis/../api/v1/secrets", 404, "the server could not find the requested resource" },
        { "/api/../api/v1/secrets", 404, "the server could not find the requested resource" },
        { "/api/v1/./secrets", 404, "the server could not find the requested resource" },
        { "/apis/apps/../v1/secrets", 404, "the server could not find the requested resource" },
    };

    [Theory]
    [MemberData(nameof(DotSegments))]
    public async Task Dot_segments_are_never_resolved_into_another_resource(string target, int code, string message)
    {
        await CreateSecretAsync();
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync(target);

        AssertStatus(response, code, code == 400 ? "BadRequest" : "NotFound", message);
        Assert.DoesNotContain("raw-secret", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("SecretList", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_Content_Length_is_a_400_Status()
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync("/api/v1/namespaces", "Content-Length: abc");

        AssertStatus(response, 400, "BadRequest", "the server rejected the request: 400 Bad Request");
    }

    [Fact]
    public async Task A_NUL_in_the_path_is_a_400_Status()
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync("/api/v1/namespaces/%00");

        AssertStatus(response, 400, "BadRequest", "400 Bad Request");
    }

    [Fact]
    public async Task A_malformed_header_line_is_a_400_Status()
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync("/api/v1/namespaces", "X-No-Colon");

        AssertStatus(response, 400, "BadRequest", "400 Bad Request");
    }

    [Fact]
    public async Task A_20_KB_URL_reaches_the_API()
    {
        var name = new string('x', 20_000);
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync($"/api/v1/namespaces/default/configmaps/{name}");

        AssertStatus(response, 404, "NotFound", $"configmaps \"{name}\" not found");
    }

    [Fact]
    public async Task Headers_over_Gos_1_MiB_are_a_431_Status()
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync("/api/v1/namespaces", "X-Big: " + new string('a', 1_100_000));

        AssertStatus(response, 431, "BadRequest", "431 Request Header Fields Too Large");
    }

    [Fact]
    public async Task A_body_cut_short_by_a_half_close_ends_the_connection_at_once_without_a_500()
    {
        // Kestrel treats the client's FIN as the end of the connection and closes it without an
        // answer (its UnexpectedEndOfRequestContent path); what matters is no 500 and no 5 s wait.
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);
        var clock = Stopwatch.StartNew();

        await connection.SendAsync("POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"apiVersion\":");
        connection.HalfClose();
        var received = await connection.ReadToCloseAsync();

        Assert.DoesNotContain(" 500 ", received, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/configmaps?watch=maybe", "strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    [InlineData("/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("/api/v1/namespaces/default/configmaps?watch=1&allowWatchBookmarks=yes", "strconv.ParseBool: parsing \"yes\": invalid syntax")]
    [InlineData("/api/v1/namespaces/default/configmaps?limit=ten", "strconv.ParseInt: parsing \"ten\": invalid syntax")]
    [InlineData("/api/v1/namespaces/default/configmaps?limit=99999999999999999999", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    public async Task Malformed_query_parameters_are_400s(string target, string message)
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync(target);

        AssertStatus(response, 400, "BadRequest", message);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/configmaps")]
    [InlineData("/api")]
    [InlineData("/apis/apps/v1")]
    public async Task Accept_application_xml_is_a_406(string target)
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var response = await connection.GetAsync(target, "Accept: application/xml");

        AssertStatus(response, 406, "NotAcceptable", "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }

    [Fact]
    public async Task A_watch_accepting_only_xml_or_yaml_is_a_406_listing_the_stream_types()
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var xml = await connection.GetAsync("/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1", "Accept: application/xml");
        var yaml = await connection.GetAsync("/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1", "Accept: application/yaml");

        const string Message = "only the following media types are accepted: application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch";
        AssertStatus(xml, 406, "NotAcceptable", Message);
        AssertStatus(yaml, 406, "NotAcceptable", Message);
    }

    [Fact]
    public async Task Keep_alive_and_pipelined_requests_still_work_and_a_later_rejection_still_gets_a_Status()
    {
        await using var connection = await RawHttpConnection.OpenAsync(api.Http.BaseAddress!);

        var first = await connection.GetAsync("/api/v1/namespaces/default");
        var watch = await connection.GetAsync("/api/v1/namespaces?watch=1&timeoutSeconds=1");
        await connection.SendAsync("GET /api/v1/namespaces/kube-system HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/v1/namespaces/nope HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var pipelined = await connection.ReadResponseAsync();
        var missing = await connection.ReadResponseAsync();
        var rejected = await connection.GetAsync("/api/v1/namespaces", "Content-Length: abc");

        Assert.Equal((200, "default"), (first.Code, first.Json!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(200, watch.Code);
        Assert.Contains("\"ADDED\"", watch.Body, StringComparison.Ordinal);
        Assert.Equal((200, "kube-system"), (pipelined.Code, pipelined.Json!["metadata"]!["name"]!.GetValue<string>()));
        AssertStatus(missing, 404, "NotFound", "namespaces \"nope\" not found");
        AssertStatus(rejected, 400, "BadRequest", "400 Bad Request");
    }

    private async Task CreateSecretAsync() =>
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"raw-secret"},"stringData":{"k":"v"}}""");

    private static void AssertStatus(RawHttpResponse response, int code, string reason, string message)
    {
        Assert.True(code == response.Code, $"{response.Code}: {response.Body}");
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        var status = response.Json;
        Assert.NotNull(status);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("v1", status["apiVersion"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal(code, status["code"]!.GetValue<int>());
        Assert.Equal(reason, status["reason"]!.GetValue<string>());
        Assert.Contains(message, status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
