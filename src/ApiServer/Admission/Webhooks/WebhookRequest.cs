namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// A write as webhooks see it (upstream's admission.Attributes of the request): the operation in upstream's
/// spelling, where the object lives (a Namespace object's namespace is its own name, as upstream's handlers
/// set it), the object (none on DELETE) and the stored one.
/// </summary>
/// <param name="Namespace">"" for cluster-scoped objects other than namespaces.</param>
internal sealed record WebhookRequest(
    string Operation,
    ResourceDefinition Resource,
    string Subresource,
    string Namespace,
    string Name,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun)
{
    /// <summary>Whether the object is a core Namespace (a cluster-scoped object whose namespace is itself).</summary>
    public bool IsNamespace => Resource is { Group: "", Plural: "namespaces" };

    public static WebhookRequest From(AdmissionAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var delete = attributes.Operation == AdmissionOperation.Delete;
        var name = attributes.Name.Length > 0 ? attributes.Name : ObjectMeta.Name(attributes.Object) ?? "";
        var isNamespace = attributes.Resource is { Group: "", Plural: "namespaces" };
        return new WebhookRequest(
            attributes.Operation switch
            {
                AdmissionOperation.Create => "CREATE",
                AdmissionOperation.Update => "UPDATE",
                _ => "DELETE",
            },
            attributes.Resource,
            attributes.Subresource ?? "",
            isNamespace ? name : attributes.Namespace ?? "",
            name,
            delete ? null : attributes.Object,
            attributes.OldObject,
            attributes.DryRun);
    }
}
