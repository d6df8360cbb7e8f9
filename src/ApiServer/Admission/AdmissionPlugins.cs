namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// The admission plugins this server runs, in upstream's order (<c>AllOrderedPlugins</c> in
/// pkg/kubeapiserver/options/plugins.go). To add a plugin: one class in <c>Admission/&lt;Name&gt;/</c>
/// implementing <see cref="IAdmissionPlugin"/>, and one line here at its upstream position:
/// <code>
/// NamespaceLifecycle, LimitRanger, ServiceAccount, NodeRestriction, TaintNodesByCondition,
/// PodSecurity, Priority, DefaultTolerationSeconds, ..., RuntimeClass, ...,
/// MutatingAdmissionWebhook, ValidatingAdmissionPolicy, ValidatingAdmissionWebhook, ResourceQuota
/// </code>
/// Webhooks and ResourceQuota stay last. Today the namespace checks of NamespaceLifecycle (404 for a
/// missing namespace, 403 in a terminating one) are still made by the create handlers
/// (Handlers/NamespaceLifecycle.cs); they move here with the NamespaceLifecycle plugin.
/// </summary>
internal static class AdmissionPlugins
{
    public static IReadOnlyList<IAdmissionPlugin> Ordered { get; } =
    [
        new DefaultTolerationSeconds.DefaultTolerationSeconds(),
    ];

    /// <summary>A chain of <see cref="Ordered"/>.</summary>
    public static AdmissionChain Chain() => new(Ordered);
}
