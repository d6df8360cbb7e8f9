namespace Orchestrator.ControllerManager.Controllers.RootCaPublisher;

/// <summary>What to do with one namespace's <c>kube-root-ca.crt</c> ConfigMap.</summary>
internal enum RootCaAction
{
    None,
    Create,
    Update,
}

/// <summary>
/// Upstream's root-ca-cert-publisher: every active namespace holds a ConfigMap <c>kube-root-ca.crt</c>
/// whose <c>ca.crt</c> is the cluster's CA bundle and which carries upstream's description annotation;
/// a changed or deleted one is put back.
/// </summary>
internal static class RootCaPublisherPlanner
{
    public const string ConfigMapName = "kube-root-ca.crt";
    public const string DataKey = "ca.crt";
    public const string DescriptionAnnotation = "kubernetes.io/description";

    /// <summary>Upstream's text (pkg/controller/certificates/rootcacertpublisher/publisher.go).</summary>
    public const string Description =
        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. "
        + "No other usage is guaranteed across distributions of Kubernetes clusters.";

    public static RootCaAction Plan(V1Namespace? ns, V1ConfigMap? existing, string caBundle)
    {
        if (ns is null || ns.Metadata.DeletionTimestamp is not null || ns.Status?.Phase == "Terminating")
        {
            return RootCaAction.None;
        }

        if (existing is null)
        {
            return RootCaAction.Create;
        }

        string? data = null;
        string? description = null;
        _ = existing.Data?.TryGetValue(DataKey, out data);
        _ = existing.Metadata.Annotations?.TryGetValue(DescriptionAnnotation, out description);
        return data == caBundle && description == Description && existing.Data!.Count == 1 ? RootCaAction.None : RootCaAction.Update;
    }

    /// <summary>The ConfigMap as it must be, keeping the existing object's metadata (resourceVersion, labels) on update.</summary>
    public static V1ConfigMap Desired(string ns, V1ConfigMap? existing, string caBundle)
    {
        var metadata = existing?.Metadata ?? new V1ObjectMeta { Name = ConfigMapName, NamespaceProperty = ns };
        metadata.Annotations ??= new Dictionary<string, string>();
        metadata.Annotations[DescriptionAnnotation] = Description;
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = metadata,
            Data = new Dictionary<string, string> { [DataKey] = caBundle },
        };
    }
}
