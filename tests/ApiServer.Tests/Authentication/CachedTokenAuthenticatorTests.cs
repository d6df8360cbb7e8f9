using Orchestrator.ApiServer.Authentication;

namespace Orchestrator.ApiServer.Tests.Authentication;

public sealed class CachedTokenAuthenticatorTests
{
    [Fact]
    public async Task A_success_is_reused_for_ten_seconds_then_checked_again()
    {
        var inner = new CountingAuthenticator();
        var time = new FakeTimeProvider();
        var cache = new CachedTokenAuthenticator(inner, time);

        await cache.AuthenticateAsync("good", ["api"], default);
        time.Advance(TimeSpan.FromSeconds(9));
        var cached = await cache.AuthenticateAsync("good", ["api"], default);
        time.Advance(TimeSpan.FromSeconds(2));
        await cache.AuthenticateAsync("good", ["api"], default);

        Assert.Equal("jane", cached.User!.Name);
        Assert.Equal(2, inner.Calls["good"]);
    }

    [Fact]
    public async Task Failures_are_not_cached_and_other_audiences_are_checked_separately()
    {
        var inner = new CountingAuthenticator();
        var cache = new CachedTokenAuthenticator(inner, new FakeTimeProvider());

        await cache.AuthenticateAsync("bad", ["api"], default);
        await cache.AuthenticateAsync("bad", ["api"], default);
        await cache.AuthenticateAsync("good", ["api"], default);
        await cache.AuthenticateAsync("good", ["vault"], default);

        Assert.Equal(2, inner.Calls["bad"]);
        Assert.Equal(2, inner.Calls["good"]);
    }

    /// <summary>"good" is jane, anything else a failure; counts the calls per token.</summary>
    private sealed class CountingAuthenticator : ITokenAuthenticator
    {
        public Dictionary<string, int> Calls { get; } = [];

        public ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
        {
            Calls[token] = Calls.GetValueOrDefault(token) + 1;
            return ValueTask.FromResult(token == "good" ? AuthenticationOutcome.Success(UserInfo.Of("jane")) : AuthenticationOutcome.Failure("no"));
        }
    }
}
