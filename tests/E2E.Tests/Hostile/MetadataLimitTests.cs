using System.Text.Json.Nodes;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Label, annotation and data size limits: 422 Invalid, as upstream's validation answers.</summary>
[Collection(HostileCollection.Name)]
public sealed class MetadataLimitTests(HostileServerFixture fixture)
{
    private const string Base = $"/api/v1/namespaces/{HostileServerFixture.Namespace}";

    [Fact]
    public Task A_label_value_of_64_characters_is_a_422_on_metadata_labels() => fixture.RunCaseAsync(async () =>
    {
        var answer = await PostConfigMapAsync("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"long-label\",\"labels\":{\"a\":\"" + new string('v', 64) + "\"}}}");
        Expect.Status(answer, 422, "Invalid");
        var fields = (answer.Json?["details"]?["causes"] as JsonArray ?? []).Select(c => c?["field"]?.GetValue<string>()).ToList();
        Assert.True(fields.Contains("metadata.labels"), $"expected a cause on metadata.labels, got {answer}");
    });

    [Fact]
    public Task A_label_value_with_a_space_is_a_422() => fixture.RunCaseAsync(async () =>
        Expect.Status(await PostConfigMapAsync("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"space-label","labels":{"a":"a b"}}}"""), 422, "Invalid"));

    [Fact]
    public Task An_annotation_key_with_a_space_is_a_422() => fixture.RunCaseAsync(async () =>
        Expect.Status(await PostConfigMapAsync("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"space-annotation","annotations":{"a b":"c"}}}"""), 422, "Invalid"));

    [Fact]
    public Task Annotations_of_300_kilobytes_are_a_422_too_long() => fixture.RunCaseAsync(async () =>
    {
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big-annotations\",\"annotations\":{" + Bodies.LargeStringMap(300 * 1024) + "}}}";
        Expect.Status(await PostConfigMapAsync(json), 422, "Invalid", "Too long");
    });

    [Fact]
    public Task A_configmap_with_one_and_a_half_mebibytes_of_data_is_a_422() => fixture.RunCaseAsync(async () =>
    {
        var json = Bodies.ConfigMapJson("big-data", "\"data\":{" + Bodies.LargeStringMap(1536 * 1024) + "}");
        Expect.Status(await PostConfigMapAsync(json), 422, "Invalid");
    });

    [Fact]
    public Task A_secret_with_one_and_a_half_mebibytes_of_data_is_a_422() => fixture.RunCaseAsync(async () =>
    {
        var value = Convert.ToBase64String(new byte[512 * 1024]);
        var data = string.Join(",", Enumerable.Range(0, 3).Select(i => $"\"k{i}\":\"{value}\""));
        var json = $$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"big-secret"},"data":{{{{data}}}}}""";
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, $"{Base}/secrets", "application/json", json), 422, "Invalid");
    });

    private Task<Answer> PostConfigMapAsync(string json) => fixture.SendAsync(HttpMethod.Post, $"{Base}/configmaps", "application/json", json);
}
