using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Client.Registry;

namespace Orchestrator.Client.Tests.Registry;

/// <summary>The 401 → basic or bearer-token flow, token caching and the request timeout, against <see cref="FakeAuthRegistry"/>.</summary>
public sealed class RegistryClientAuthTests
{
    private static readonly RegistryCredential Alice = new("alice", "s3cret");

    [Theory]
    [InlineData("bearer")]
    [InlineData("access_token")]
    public async Task Bearer_FetchesATokenWithTheCredential_AndReusesItUntilItExpires(string mode)
    {
        await using var registry = await FakeAuthRegistry.StartAsync(mode, expiresIn: 60);
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var client = new RegistryClient(time: time);

        var first = await client.HeadManifestAsync(registry.Image, Alice, null, CancellationToken.None);
        var second = await client.HeadManifestAsync(registry.Image, Alice, null, CancellationToken.None);
        Assert.Equal((1, 1), (registry.TokensIssued, registry.Challenges));

        time.Advance(TimeSpan.FromSeconds(61));
        var third = await client.HeadManifestAsync(registry.Image, Alice, null, CancellationToken.None);

        Assert.All(new[] { first, second, third }, head => Assert.Equal(new ManifestHead(ManifestHeadStatus.Found, FakeAuthRegistry.Digest, $"\"{FakeAuthRegistry.Digest}\""), head));
        Assert.Equal(2, registry.TokensIssued);
        Assert.Equal("?service=fake-registry&scope=repository%3Aapp%3Apull", registry.LastTokenQuery);
    }

    [Fact]
    public async Task Bearer_TokenServerRefusingTheCredential_IsARegistryException()
    {
        await using var registry = await FakeAuthRegistry.StartAsync("bearer");
        using var client = new RegistryClient();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(registry.Image, new RegistryCredential("alice", "wrong"), null, CancellationToken.None));

        Assert.Contains("token server http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("401 Unauthorized: UNAUTHORIZED: bad credential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_SendsTheCredentialAfterTheChallenge_AndUpFrontFromThenOn()
    {
        await using var registry = await FakeAuthRegistry.StartAsync("basic");
        using var client = new RegistryClient();

        await client.HeadManifestAsync(registry.Image, Alice, null, CancellationToken.None);
        var head = await client.HeadManifestAsync(registry.Image, Alice, null, CancellationToken.None);

        Assert.Equal(FakeAuthRegistry.Digest, head.Digest);
        Assert.Equal(1, registry.Challenges);
    }

    [Fact]
    public async Task Basic_WithoutACredential_SaysSo()
    {
        await using var registry = await FakeAuthRegistry.StartAsync("basic");
        using var client = new RegistryClient();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(registry.Image, null, null, CancellationToken.None));

        Assert.Contains("asks for basic auth (401) and no credential was given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_WrongPassword_IsUnauthorized()
    {
        await using var registry = await FakeAuthRegistry.StartAsync("basic");
        using var client = new RegistryClient();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(registry.Image, new RegistryCredential("alice", "wrong"), null, CancellationToken.None));

        Assert.Contains("401 unauthorized as alice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARegistryThatDoesNotAnswer_TimesOutAfterTheRequestTimeout()
    {
        await using var registry = await FakeAuthRegistry.StartAsync("slow");
        using var client = new RegistryClient(new RegistryClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(registry.Image, null, null, CancellationToken.None));

        Assert.Contains("no answer within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }
}
