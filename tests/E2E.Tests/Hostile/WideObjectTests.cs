namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Wide objects: tens of thousands of unknown keys are pruned quickly, with a bounded warning header.</summary>
[Collection(HostileCollection.Name)]
public sealed class WideObjectTests(HostileServerFixture fixture)
{
    private const string ConfigMaps = $"/api/v1/namespaces/{HostileServerFixture.Namespace}/configmaps";

    /// <summary>Upstream keeps at most 4 KiB of warning text; the headers around it stay well under this.</summary>
    private const int WarningHeaderLimit = 8 * 1024;

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
        var warningBytes = answer.Warnings.Sum(w => "Warning: ".Length + System.Text.Encoding.UTF8.GetByteCount(w) + 2);
        Assert.True(warningBytes <= WarningHeaderLimit, $"{answer.Warnings.Count} Warning headers of {warningBytes} bytes, more than {WarningHeaderLimit}");
    }
}
