namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Upstream's token cache in front of the token union (kube-apiserver: successes kept 10 s,
/// failures not kept): a client that sends the same token on every request pays the signature
/// check and the object look-ups once per <see cref="SuccessTtl"/>. Keyed by the token's SHA-256
/// and the audiences asked, so the token itself is never held. A deleted bound object therefore
/// stops its token within <see cref="SuccessTtl"/>, as upstream.
/// </summary>
internal sealed class CachedTokenAuthenticator(ITokenAuthenticator inner, TimeProvider time) : ITokenAuthenticator
{
    public static readonly TimeSpan SuccessTtl = TimeSpan.FromSeconds(10);

    /// <summary>More distinct tokens than this within a TTL empty the cache rather than grow it without bound.</summary>
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, (AuthenticationOutcome Outcome, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        var key = KeyOf(token, audiences);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Outcome;
        }

        var outcome = await inner.AuthenticateAsync(token, audiences, cancellationToken);
        if (outcome.Authenticated)
        {
            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }

            _entries[key] = (outcome, now + SuccessTtl);
        }
        else
        {
            _entries.TryRemove(key, out _);
        }

        return outcome;
    }

    private static string KeyOf(string token, IReadOnlyList<string> audiences)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        return audiences.Count == 0 ? hash : hash + "\n" + string.Join('\n', audiences);
    }
}
