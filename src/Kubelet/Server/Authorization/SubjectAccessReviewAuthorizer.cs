namespace Orchestrator.Kubelet.Server.Authorization;

/// <summary>
/// Upstream's kubelet <c>--authorization-mode=Webhook</c>: each decision is a SubjectAccessReview on
/// <c>nodes/NODE/SUBRESOURCE</c> sent through the kubelet's own API client (system:node may create them), and
/// remembered for upstream's default TTLs (allowed 5 minutes, denied 30 seconds). The client arrives with the
/// kubelet (<see cref="UseClient"/>); until then, and when the API server cannot answer, there is no decision.
/// </summary>
internal sealed class SubjectAccessReviewAuthorizer(string nodeName, TimeProvider time) : IKubeletAuthorizer
{
    private const int PruneAbove = 4096;
    private static readonly TimeSpan AllowedTtl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DeniedTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (bool Allowed, DateTimeOffset Until)> _decisions = new(StringComparer.Ordinal);
    private volatile IKubernetes? _client;

    /// <summary>The client reviews go through (the kubelet's; a renewed certificate brings a new one).</summary>
    public void UseClient(IKubernetes client) => _client = client;

    public async Task<bool> AllowsAsync(KubeletUser user, string verb, string subresource, CancellationToken ct)
    {
        var key = string.Join('\n', [user.Name, string.Join(',', user.Groups), verb, subresource]);
        var now = time.GetUtcNow();
        if (_decisions.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.Allowed;
        }

        var client = _client ?? throw new InvalidOperationException("the kubelet has no API client yet");
        var review = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(
            new V1SubjectAccessReview
            {
                Spec = new V1SubjectAccessReviewSpec
                {
                    User = user.Name,
                    Groups = [.. user.Groups],
                    ResourceAttributes = new V1ResourceAttributes
                    {
                        Verb = verb,
                        Group = string.Empty,
                        Version = "v1",
                        Resource = "nodes",
                        Subresource = subresource,
                        Name = nodeName,
                    },
                },
            },
            cancellationToken: ct);
        var allowed = review.Status?.Allowed == true;
        if (_decisions.Count > PruneAbove)
        {
            foreach (var (stale, decision) in _decisions)
            {
                if (decision.Until <= now)
                {
                    _decisions.TryRemove(stale, out _);
                }
            }
        }

        _decisions[key] = (allowed, now + (allowed ? AllowedTtl : DeniedTtl));
        return allowed;
    }
}
