namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// Where each admission plugin runs: upstream's order (<c>AllOrderedPlugins</c> in
/// pkg/kubeapiserver/options/plugins.go), whichever plugins this server has. To add a plugin: one class in
/// <c>Admission/&lt;Name&gt;/</c> implementing <see cref="IAdmissionPlugin"/> with upstream's name, and one
/// line in <see cref="AdmissionServiceCollectionExtensions.AddAdmission"/>; its position comes from
/// <see cref="UpstreamOrder"/>. Webhooks and ResourceQuota stay last, as upstream.
/// </summary>
internal static class AdmissionPlugins
{
    /// <summary>Every plugin upstream knows, in the order its chain runs them.</summary>
    public static IReadOnlyList<string> UpstreamOrder { get; } =
    [
        "AlwaysAdmit", "NamespaceAutoProvision", "NamespaceLifecycle", "NamespaceExists", "LimitPodHardAntiAffinityTopology",
        "LimitRanger", "ServiceAccount", "NodeRestriction", "TaintNodesByCondition", "AlwaysPullImages", "ImagePolicyWebhook",
        "PodSecurity", "PodNodeSelector", "Priority", "DefaultTolerationSeconds", "PodTolerationRestriction", "EventRateLimit",
        "ExtendedResourceToleration", "DefaultStorageClass", "StorageObjectInUseProtection", "PodGroupProtection",
        "OwnerReferencesPermissionEnforcement", "PersistentVolumeClaimResize", "RuntimeClass", "CertificateApproval",
        "CertificateSigning", "ClusterTrustBundleAttest", "CertificateSubjectRestriction", "DefaultIngressClass",
        "DenyServiceExternalIPs", "PodTopologyLabels", "PodGroupWorkloadExists", "NodeDeclaredFeatureValidator", "JobValidation",
        "PodResizeValidator", "MutatingAdmissionPolicy", "MutatingAdmissionWebhook", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionWebhook", "ResourceQuota", "AlwaysDeny",
    ];

    /// <summary>A chain of <paramref name="plugins"/> in <see cref="UpstreamOrder"/>, whatever order they come in.</summary>
    /// <exception cref="InvalidOperationException">A plugin whose name upstream does not know, so it has no position.</exception>
    public static AdmissionChain Chain(IEnumerable<IAdmissionPlugin> plugins) =>
        new([.. plugins.OrderBy(Position)]);

    private static int Position(IAdmissionPlugin plugin)
    {
        var position = UpstreamOrder.ToList().IndexOf(plugin.Name);
        return position >= 0 ? position : throw new InvalidOperationException($"admission plugin {plugin.Name} has no position in upstream's order");
    }
}
