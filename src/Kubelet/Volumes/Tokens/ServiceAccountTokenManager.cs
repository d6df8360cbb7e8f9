namespace Orchestrator.Kubelet.Volumes.Tokens;

/// <summary>
/// <see cref="IServiceAccountTokens"/> through the API server's TokenRequest
/// (<c>POST serviceaccounts/&lt;name&gt;/token</c>), bound to the pod, cached per pod, account,
/// audience and lifetime. A renewal that fails keeps serving the cached token until it expires.
/// </summary>
internal sealed class ServiceAccountTokenManager(IKubernetes client, TimeProvider time) : IServiceAccountTokens
{
    private readonly ConcurrentDictionary<(string Ns, string Account, string Audience, long Seconds, string PodUid), Issued> _tokens = new();

    public async Task<string> GetTokenAsync(V1Pod pod, V1ServiceAccountTokenProjection projection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(projection);
        var ns = pod.Metadata?.NamespaceProperty ?? "";
        var account = string.IsNullOrEmpty(pod.Spec?.ServiceAccountName) ? "default" : pod.Spec.ServiceAccountName;
        var seconds = projection.ExpirationSeconds ?? 3600;
        var key = (ns, account, projection.Audience ?? "", seconds, pod.Metadata?.Uid ?? "");
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(key, out var cached) && !TokenRenewal.Due(cached.At, cached.Expires, now))
        {
            return cached.Token;
        }

        try
        {
            var request = new Authenticationv1TokenRequest
            {
                ApiVersion = "authentication.k8s.io/v1",
                Kind = "TokenRequest",
                Spec = new V1TokenRequestSpec
                {
                    Audiences = string.IsNullOrEmpty(projection.Audience) ? [] : [projection.Audience],
                    ExpirationSeconds = seconds,
                    BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Metadata?.Name, Uid = pod.Metadata?.Uid },
                },
            };
            var answer = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, account, ns, cancellationToken: ct);
            var expires = answer.Status?.ExpirationTimestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : now.AddSeconds(seconds);
            var issued = new Issued(answer.Status?.Token ?? throw new VolumeSetupException("failed to fetch token: the TokenRequest answer has no token"), now, expires);
            _tokens[key] = issued;
            return issued.Token;
        }
        catch (Exception e) when (e is not (OperationCanceledException or VolumeSetupException))
        {
            if (cached is not null && !TokenRenewal.Expired(cached.Expires, now))
            {
                return cached.Token;
            }

            var detail = e is k8s.Autorest.HttpOperationException http && !string.IsNullOrEmpty(http.Response?.Content) ? StatusMessage(http.Response.Content) : e.Message;
            throw new VolumeSetupException($"failed to fetch token: {detail}", e);
        }
    }

    /// <summary>Forgets the tokens of a pod that is gone.</summary>
    public void Forget(string podUid)
    {
        foreach (var key in _tokens.Keys.Where(k => k.PodUid == podUid))
        {
            _tokens.TryRemove(key, out _);
        }
    }

    private static string StatusMessage(string body)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Status>(body)?.Message ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }

    private sealed record Issued(string Token, DateTimeOffset At, DateTimeOffset Expires);
}
