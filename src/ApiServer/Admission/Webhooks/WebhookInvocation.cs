namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// A webhook that matched a request (upstream's WebhookInvocation): the resource its rule matched (the
/// request's own, or under matchPolicy Equivalent the same resource in another served version) and the
/// kind it is sent as.
/// </summary>
internal sealed record WebhookInvocation(WebhookDefinition Hook, ResourceDefinition Resource, string Subresource)
{
    /// <summary>The kind of what is admitted: a subresource's own kind (Scale, Eviction), else the resource's.</summary>
    public (string Group, string Version, string Kind) Kind => KindOf(Resource, Subresource);

    public static (string Group, string Version, string Kind) KindOf(ResourceDefinition resource, string subresource) =>
        resource.Subresources.FirstOrDefault(s => s.Name == subresource && subresource.Length > 0) is { } sub
            ? (sub.Group, sub.Version, sub.Kind)
            : (resource.Group, resource.Version, resource.Kind);
}
