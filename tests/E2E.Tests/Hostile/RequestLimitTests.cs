namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Limits on patches, field managers, query parameters, content negotiation and the HTTP framing itself.</summary>
[Collection(HostileCollection.Name)]
public sealed class RequestLimitTests(HostileServerFixture fixture)
{
    private const string ConfigMaps = $"/api/v1/namespaces/{HostileServerFixture.Namespace}/configmaps";
    private const string Target = $"{ConfigMaps}/{HostileServerFixture.PatchTarget}";

    [Fact]
    public Task A_json_patch_of_10001_operations_is_a_413() => fixture.RunCaseAsync(async () =>
    {
        var operations = string.Join(",", Enumerable.Repeat($$$"""{"op":"test","path":"/metadata/name","value":"{{{HostileServerFixture.PatchTarget}}}"}""", 10_001));
        var answer = await fixture.SendAsync(HttpMethod.Patch, Target, "application/json-patch+json", $"[{operations}]");
        Expect.Status(answer, 413, "RequestEntityTooLarge", "10000");
    });

    [Fact]
    public Task A_field_manager_of_129_characters_is_a_422() => fixture.RunCaseAsync(async () =>
    {
        var answer = await fixture.SendAsync(HttpMethod.Post, $"{ConfigMaps}?fieldManager={new string('m', 129)}", "application/json", Bodies.ConfigMapJson("long-manager"));
        Expect.Status(answer, 422, "Invalid");
    });

    [Fact]
    public Task Server_side_apply_without_kind_is_a_400() => fixture.RunCaseAsync(async () =>
    {
        var answer = await fixture.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/no-kind?fieldManager=x", "application/apply-patch+yaml", "apiVersion: v1\nmetadata:\n  name: no-kind\n");
        Expect.Status(answer, 400, "BadRequest");
    });

    [Fact]
    public Task A_json_patch_adding_at_index_minus_one_of_empty_finalizers_is_a_422() => fixture.RunCaseAsync(
        async () =>
        {
            // Empty metadata lists are not stored (upstream's typed round trip drops them), so the
            // array the patch indexes does not exist: 422, "doc is missing path".
            var created = await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"empty-finalizers","finalizers":[]}}""");
            Expect.Created(created, "ConfigMap");
            var patch = """[{"op":"add","path":"/metadata/finalizers/-1","value":"x"}]""";
            Expect.Status(await fixture.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/empty-finalizers", "application/json-patch+json", patch), 422, "Invalid");
        },
        expectedWrites: 1);

    [Theory]
    [InlineData("watch=maybe")]
    [InlineData("timeoutSeconds=abc")]
    public Task A_malformed_query_parameter_is_a_400(string query) => fixture.RunCaseAsync(async () =>
        Expect.Status(await fixture.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?{query}"), 400, "BadRequest"));

    [Fact]
    public Task Accepting_only_xml_is_a_406() => fixture.RunCaseAsync(async () =>
        Expect.Status(await fixture.SendAsync(HttpMethod.Get, Target, accept: "application/xml"), 406, "NotAcceptable"));

    [Fact]
    public Task A_content_length_that_is_not_a_number_is_a_400_status() => fixture.RunCaseAsync(async () =>
    {
        var answer = await fixture.SendRawAsync($"POST {ConfigMaps} HTTP/1.1", ["Content-Type: application/json", "Content-Length: abc"]);
        Expect.Status(answer, 400);
    });

    [Fact]
    public Task A_request_line_of_20_kilobytes_is_a_4xx_status() => fixture.RunCaseAsync(async () =>
        Expect.ClientError(await fixture.SendRawAsync($"GET {ConfigMaps}?labelSelector={new string('a', 20 * 1024)} HTTP/1.1")));

    [Fact]
    public Task A_nul_in_the_path_is_a_4xx_status() => fixture.RunCaseAsync(async () =>
        Expect.ClientError(await fixture.SendRawAsync($"GET {ConfigMaps}/a%00b HTTP/1.1")));
}
