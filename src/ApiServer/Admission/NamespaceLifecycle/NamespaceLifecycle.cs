namespace Orchestrator.ApiServer.Admission.NamespaceLifecycle;

/// <summary>
/// Upstream's NamespaceLifecycle admission, for creates: an object goes into an existing namespace only
/// (404 NotFound otherwise), and a namespace being deleted takes no new content (403 Forbidden). The
/// first is checked on admit, before the kind's validation; the second on validate, after it.
/// </summary>
internal sealed class NamespaceLifecycle(INamespaceLookup namespaces) : IAdmissionPlugin
{
    public string Name => "NamespaceLifecycle";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    /// <exception cref="ApiException">404 when the object's namespace does not exist.</exception>
    public void Admit(AdmissionAttributes attributes)
    {
        if (NamespaceOf(attributes) is { } name && namespaces.Find(name) is null)
        {
            throw ApiErrors.NamespaceNotFound(name);
        }
    }

    /// <exception cref="ApiException">403 when the object's namespace is being deleted.</exception>
    public void Validate(AdmissionAttributes attributes)
    {
        if (NamespaceOf(attributes) is { } name && namespaces.Find(name) is { } ns && ObjectMeta.IsDeleting(ns))
        {
            throw ApiErrors.Forbidden(attributes.Resource, attributes.Name, $"unable to create new content in namespace {name} because it is being terminated");
        }
    }

    /// <summary>The namespace of a namespaced object; null for cluster-scoped kinds, which no namespace holds.</summary>
    private static string? NamespaceOf(AdmissionAttributes attributes) =>
        attributes.Resource.Namespaced && attributes.Namespace is { Length: > 0 } name ? name : null;
}
