namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>What an operation acts on: the kind it sends and returns, and how upstream names it.</summary>
/// <param name="Group">Group of the kind sent and returned (autoscaling for scale).</param>
/// <param name="Version">Version of that kind.</param>
/// <param name="Kind">The kind (Deployment, Scale, Eviction).</param>
/// <param name="Schema">Component schema name of the kind.</param>
/// <param name="ParentKind">The resource's own kind, which descriptions and operation ids name.</param>
/// <param name="Namespaced">Whether the path has a namespace segment.</param>
/// <param name="Subresource">Subresource name (status, scale …), or null for the resource itself.</param>
/// <param name="AllNamespaces">The cluster-wide list of a namespaced resource.</param>
/// <param name="CustomResource">A custom resource's operation: its PATCH accepts no strategic merge patch.</param>
internal sealed record OperationTarget(
    string Group, string Version, string Kind, string Schema, string ParentKind, bool Namespaced, string? Subresource = null, bool AllNamespaces = false,
    bool CustomResource = false)
{
    /// <summary>operationId after verb and group-version: NamespacedDeployment, NamespacedDeploymentScale, PodForAllNamespaces.</summary>
    public string OperationSuffix =>
        AllNamespaces
            ? ParentKind + "ForAllNamespaces"
            : (Namespaced ? "Namespaced" : "") + ParentKind + (Subresource is null ? "" : char.ToUpperInvariant(Subresource[0]) + Subresource[1..]);

    /// <summary>"the specified Deployment" or "status of the specified Deployment" (article "a" for create and delete).</summary>
    public string Describe(string article) =>
        Subresource is null ? $"{article} {ParentKind}" : $"{Subresource} of {article} {ParentKind}";
}
