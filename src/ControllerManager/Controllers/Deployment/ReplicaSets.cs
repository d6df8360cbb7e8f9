namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>Reading and ordering a deployment's ReplicaSets (upstream's <c>deploymentutil</c> / <c>controller</c> sorts).</summary>
internal static class ReplicaSets
{
    public static int Replicas(V1ReplicaSet rs) => rs.Spec.Replicas ?? 1;

    public static bool IsActive(V1ReplicaSet? rs) => rs is not null && Replicas(rs) > 0;

    /// <summary>The revision annotation; 0 when absent or unparsable.</summary>
    public static long Revision(V1ReplicaSet rs) =>
        rs.Metadata.Annotations?.TryGetValue(DeploymentAnnotations.Revision, out var value) == true
            && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : 0;

    public static long MaxRevision(IEnumerable<V1ReplicaSet> rss) => rss.Select(Revision).DefaultIfEmpty(0).Max();

    public static int? IntAnnotation(V1ReplicaSet rs, string key) =>
        rs.Metadata.Annotations?.TryGetValue(key, out var value) == true
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static int SpecReplicas(IEnumerable<V1ReplicaSet?> rss) => rss.Sum(rs => rs is null ? 0 : Replicas(rs));

    /// <summary>
    /// Pods that may exist right now: per ReplicaSet the larger of what it should have and what it
    /// last reported, since a scaled-down ReplicaSet deletes its extra pods asynchronously.
    /// </summary>
    public static int PodsUpperBound(IEnumerable<V1ReplicaSet?> rss) =>
        rss.Sum(rs => rs is null ? 0 : Math.Max(Replicas(rs), rs.Status?.Replicas ?? 0));

    public static int StatusReplicas(IEnumerable<V1ReplicaSet?> rss) => rss.Sum(rs => rs?.Status?.Replicas ?? 0);

    public static int ReadyReplicas(IEnumerable<V1ReplicaSet?> rss) => rss.Sum(rs => rs?.Status?.ReadyReplicas ?? 0);

    public static int AvailableReplicas(IEnumerable<V1ReplicaSet?> rss) => rss.Sum(rs => rs?.Status?.AvailableReplicas ?? 0);

    /// <summary>Oldest first, name as the tie breaker.</summary>
    public static IOrderedEnumerable<V1ReplicaSet> ByCreation(IEnumerable<V1ReplicaSet> rss) =>
        rss.OrderBy(rs => rs.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal);

    /// <summary>Largest first; among equal sizes, newer first.</summary>
    public static IOrderedEnumerable<V1ReplicaSet> BySizeNewer(IEnumerable<V1ReplicaSet> rss) =>
        rss.OrderByDescending(Replicas)
            .ThenByDescending(rs => rs.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenByDescending(rs => rs.Metadata.Name, StringComparer.Ordinal);

    /// <summary>Largest first; among equal sizes, older first.</summary>
    public static IOrderedEnumerable<V1ReplicaSet> BySizeOlder(IEnumerable<V1ReplicaSet> rss) =>
        rss.OrderByDescending(Replicas)
            .ThenBy(rs => rs.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal);

    /// <summary>Lowest revision first, creation time as the tie breaker.</summary>
    public static IOrderedEnumerable<V1ReplicaSet> ByRevision(IEnumerable<V1ReplicaSet> rss) =>
        rss.OrderBy(Revision).ThenBy(rs => rs.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal);

    /// <summary>The oldest ReplicaSet whose template equals the deployment's (upstream's <c>FindNewReplicaSet</c>).</summary>
    public static V1ReplicaSet? FindNew(V1Deployment d, IEnumerable<V1ReplicaSet> rss) =>
        ByCreation(rss).FirstOrDefault(rs => PodTemplateHash.EqualIgnoreHash(rs.Spec.Template, d.Spec.Template));
}
