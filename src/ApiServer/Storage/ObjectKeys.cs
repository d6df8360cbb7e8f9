namespace Orchestrator.ApiServer.Storage;

/// <summary>
/// Where objects live in the store: <c>/registry/[group/]plural/[namespace/]name</c>, like
/// kube-apiserver's etcd layout (with the group spelled out so two groups' same-named resources never mix).
/// </summary>
internal static class ObjectKeys
{
    public static string Collection(ResourceDefinition resource) =>
        resource.Group.Length == 0 ? $"/registry/{resource.Plural}/" : $"/registry/{resource.Group}/{resource.Plural}/";

    /// <summary>Prefix of a list: all namespaces when <paramref name="ns"/> is null.</summary>
    public static string ListPrefix(ResourceDefinition resource, string? ns) =>
        resource.Namespaced && ns is not null ? $"{Collection(resource)}{ns}/" : Collection(resource);

    public static string Item(ResourceDefinition resource, string? ns, string name) =>
        resource.Namespaced ? $"{Collection(resource)}{ns}/{name}" : $"{Collection(resource)}{name}";
}
