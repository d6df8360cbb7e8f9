namespace Orchestrator.Kubelet.Volumes.Tokens;

/// <summary>
/// When the kubelet asks for a new token (upstream's token manager requiresRefresh): once 80 % of the
/// lifetime has passed, or after 24 hours, whichever comes first; a token past its expiry is never served.
/// </summary>
internal static class TokenRenewal
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    public static bool Due(DateTimeOffset issued, DateTimeOffset expires, DateTimeOffset now)
    {
        var lifetime = expires - issued;
        var renewAt = issued + TimeSpan.FromTicks(lifetime.Ticks / 5 * 4);
        return now >= renewAt || now >= issued + MaxAge;
    }

    public static bool Expired(DateTimeOffset expires, DateTimeOffset now) => now >= expires;
}
