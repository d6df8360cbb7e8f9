namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Wide objects: tens of thousands of unknown keys are pruned quickly, with a bounded warning header.</summary>
[Collection(HostileCollection.Name)]
public sealed class WideObjectTests(HostileServerFixture fixture)
{
    private const string ConfigMaps = $"/api/v1/namespaces/{HostileServerFixture.Namespace}/configmaps";

    /// <summary>Upstream's warning recorder sends at most 4,096 runes of warning text in all.</summary>
    private const int WarningTextLimit = 4 * 1024;

    [Fact]
    public Task Forty_thousand_unknown_keys_in_metadata_are_accepted_with_capped_warnings() => fixture.RunCaseAsync(
        async () =>
        {
            var json = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"wide-meta",{{{Bodies.UnknownKeys(40_000)}}}}}""";
            AssertAcceptedWithCappedWarnings(await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/json", json));
        },
        expectedWrites: 1);

    [Fact]
    public Task Forty_thousand_unknown_top_level_keys_are_accepted_with_capped_warnings() => fixture.RunCaseAsync(
        async () =>
        {
            var json = Bodies.ConfigMapJson("wide-top", Bodies.UnknownKeys(40_000));
            AssertAcceptedWithCappedWarnings(await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/json", json));
        },
        expectedWrites: 1);

    private static void AssertAcceptedWithCappedWarnings(Answer answer)
    {
        Expect.Created(answer, "ConfigMap");
        // 299 - "text": the text is what the cap counts (quotes and backslashes inside are escaped).
        var text = answer.Warnings.Sum(w => w[(w.IndexOf('"', StringComparison.Ordinal) + 1)..w.LastIndexOf('"')]
            .Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal).EnumerateRunes().Count());
        Assert.True(text <= WarningTextLimit, $"{answer.Warnings.Count} Warning headers of {text} runes of text, more than {WarningTextLimit}");
        Assert.NotEmpty(answer.Warnings);
    }
}
