namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Dot segments and encoded separators in paths, sent raw (HttpClient would collapse them).</summary>
[Collection(HostileCollection.Name)]
public sealed class PathTests(HostileServerFixture fixture)
{
    [Fact]
    public Task Dot_dot_instead_of_a_namespace_never_lists_secrets() => fixture.RunCaseAsync(async () =>
    {
        var answer = await fixture.SendRawAsync("GET /api/v1/namespaces/../secrets HTTP/1.1");
        Assert.True(answer.Code is 400 or 404, $"expected 400 or 404, got {answer}");
        Assert.DoesNotContain(HostileServerFixture.SecretName, answer.Text, StringComparison.Ordinal);
        Expect.ClientError(answer);
    });

    [Fact]
    public Task Encoded_dot_dot_never_reaches_a_secret() => fixture.RunCaseAsync(async () =>
    {
        var answer = await fixture.SendRawAsync($"GET /api/v1/namespaces/default/configmaps/%2e%2e/secrets/{HostileServerFixture.SecretName} HTTP/1.1");
        Assert.DoesNotContain("aHVudGVyMg", answer.Text, StringComparison.Ordinal);
        Assert.NotEqual("Secret", answer.Kind);
        Expect.ClientError(answer);
    });

    [Fact]
    public Task Dot_dot_as_a_name_is_a_400() => fixture.RunCaseAsync(async () =>
        Expect.Status(await fixture.SendRawAsync("GET /api/v1/namespaces/default/configmaps/.. HTTP/1.1"), 400));
}
