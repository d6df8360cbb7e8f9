namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Nesting depth: upstream stops at 10,000 levels with a 400; anything below is parsed and unknown fields pruned.</summary>
[Collection(HostileCollection.Name)]
public sealed class DepthTests(HostileServerFixture fixture)
{
    private const string ConfigMaps = $"/api/v1/namespaces/{HostileServerFixture.Namespace}/configmaps";

    [Fact]
    public Task A_yaml_anchor_containing_itself_is_a_400() => fixture.RunCaseAsync(async () =>
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, x: *m}\n";
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/yaml", yaml), 400, "BadRequest", "contains itself");
    });

    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    public Task Yaml_nested_15000_levels_is_a_400(string style) => fixture.RunCaseAsync(async () =>
    {
        var deep = style == "flow" ? " " + Bodies.DeepYamlFlow(15_000) : Bodies.DeepYamlBlock(15_000);
        var yaml = Bodies.ConfigMapYaml($"deep-yaml-{style}") + "deep:" + deep + "\n";
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/yaml", yaml), 400, "BadRequest", "exceeded max depth");
    });

    [Theory]
    [InlineData("arrays")]
    [InlineData("objects")]
    public Task Json_nested_15000_levels_is_a_400(string shape) => fixture.RunCaseAsync(async () =>
    {
        var deep = shape == "arrays" ? Bodies.DeepJsonArray(15_000) : Bodies.DeepJsonObject(15_000);
        var json = Bodies.ConfigMapJson($"deep-json-{shape}", "\"deep\":" + deep);
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/json", json), 400, "BadRequest");
    });

    [Fact]
    public Task Json_nested_5000_levels_in_an_unknown_field_is_accepted_and_pruned() => fixture.RunCaseAsync(
        async () =>
        {
            var json = Bodies.ConfigMapJson("deep-json-5000", "\"deep\":" + Bodies.DeepJsonArray(5_000));
            var answer = await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/json", json);
            Expect.Created(answer, "ConfigMap");
            Assert.Null(answer.Json!["deep"]);
        },
        expectedWrites: 1);

    [Fact]
    public Task Yaml_nested_5000_levels_in_an_unknown_field_is_accepted_and_pruned() => fixture.RunCaseAsync(
        async () =>
        {
            var yaml = Bodies.ConfigMapYaml("deep-yaml-5000") + "deep: " + Bodies.DeepYamlFlow(5_000) + "\n";
            var answer = await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/yaml", yaml);
            Expect.Created(answer, "ConfigMap");
            Assert.Null(answer.Json!["deep"]);
        },
        expectedWrites: 1);
}
