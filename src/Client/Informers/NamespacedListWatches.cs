namespace Orchestrator.Client;

/// <summary>
/// List-and-watch calls confined to one namespace, for callers allowed nothing wider (a node's
/// kubelet may list and watch a secret or configMap only in its namespace, by name).
/// </summary>
public static class NamespacedListWatches
{
    public static ListWatch<V1Secret> Secrets(string ns) => ListWatch<V1Secret>.Create<V1SecretList>(
        (c, r, ct) => c.CoreV1.ListNamespacedSecretAsync(ns, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListNamespacedSecretAsync(ns, allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1ConfigMap> ConfigMaps(string ns) => ListWatch<V1ConfigMap>.Create<V1ConfigMapList>(
        (c, r, ct) => c.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListNamespacedConfigMapAsync(ns, allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
}
