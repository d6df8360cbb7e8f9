namespace Orchestrator.Kubelet.Server.Authorization;

/// <summary>
/// What a request to the kubelet's API asks for, as upstream's nodeAuthorizerAttributesGetter (pkg/kubelet/server/auth.go)
/// with KubeletFineGrainedAuthz (beta and on since 1.33): a verb from the HTTP method and the subresource of
/// <c>nodes/NAME</c> the path falls under. Paths with a fine-grained subresource of their own and a
/// <c>nodes/proxy</c> fallback list both, in the order they are asked.
/// </summary>
internal sealed record KubeletRequestAttributes(string Verb, IReadOnlyList<string> Subresources)
{
    private static readonly (string Path, string[] Subresources)[] Paths =
    [
        ("/stats", ["stats"]),
        ("/metrics", ["metrics"]),
        ("/logs", ["log"]),
        ("/spec", ["spec"]),
        ("/checkpoint", ["checkpoint"]),
        ("/pods", ["pods", "proxy"]),
        ("/runningpods", ["pods", "proxy"]),
        ("/healthz", ["healthz", "proxy"]),
        ("/configz", ["configz", "proxy"]),
    ];

    public static KubeletRequestAttributes For(string method, string path)
    {
        var verb = method switch
        {
            "POST" => "create",
            "GET" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => string.Empty,
        };
        foreach (var (prefix, subresources) in Paths)
        {
            if (IsSubpath(path, prefix))
            {
                return new KubeletRequestAttributes(verb, subresources);
            }
        }

        return new KubeletRequestAttributes(verb, ["proxy"]);
    }

    /// <summary>Upstream's isSubpath: the path itself or anything below it (<c>/statsfoo</c> is not under <c>/stats</c>).</summary>
    private static bool IsSubpath(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/');
}
