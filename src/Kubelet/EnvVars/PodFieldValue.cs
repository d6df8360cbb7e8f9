using Orchestrator.Kubelet.DownwardApi;

namespace Orchestrator.Kubelet.EnvVars;

/// <summary>
/// Upstream's <c>podFieldSelectorRuntimeValue</c>: the pod fields an environment variable's
/// <c>valueFrom.fieldRef</c> may name (validated as <c>ConvertDownwardAPIFieldLabel</c> does).
/// </summary>
internal static class PodFieldValue
{
    private static readonly HashSet<string> Supported =
    [
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
        "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
        "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    public static string Resolve(V1ObjectFieldSelector selector, V1Pod pod, IReadOnlyList<string> podIps, IReadOnlyList<string> hostIps)
    {
        var version = string.IsNullOrEmpty(selector.ApiVersion) ? "v1" : selector.ApiVersion;
        if (version != "v1")
        {
            throw new DownwardApiException($"unsupported pod version: {version}");
        }

        var path = selector.FieldPath;
        var subscripted = FieldPath.SplitSubscript(path) is ("metadata.annotations" or "metadata.labels", _);
        if (!subscripted && !Supported.Contains(path))
        {
            throw new DownwardApiException($"field label not supported: {path}");
        }

        return path switch
        {
            "spec.nodeName" => pod.Spec?.NodeName ?? string.Empty,
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? string.Empty,
            "status.hostIP" => hostIps.Count > 0 ? hostIps[0] : string.Empty,
            "status.hostIPs" => string.Join(',', hostIps),
            "status.podIP" => podIps.Count > 0 ? podIps[0] : string.Empty,
            "status.podIPs" => string.Join(',', podIps),
            _ => FieldPath.Extract(pod, path),
        };
    }
}
