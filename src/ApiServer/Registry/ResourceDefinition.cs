namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// One served resource: its names as discovery reports them and the KubernetesClient model type
/// that defines its schema. Immutable; the registry holds one per (group, version, plural).
/// </summary>
internal sealed record ResourceDefinition
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    /// <summary>Lower-case plural: the URL segment (pods, deployments).</summary>
    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    /// <summary>The KubernetesClient model type (k8s.Models.V1Pod …), source of the schema.</summary>
    public required Type ModelType { get; init; }

    /// <summary>The list model type (k8s.Models.V1PodList …).</summary>
    public required Type ListType { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    public IReadOnlyList<SubresourceDefinition> Subresources { get; init; } = [];

    /// <summary>The kind's own rules (<see cref="IResourceStrategy"/>).</summary>
    public IResourceStrategy Strategy { get; init; } = ResourceStrategy.Instance;

    /// <summary>
    /// False for a create-only kind answered by an <see cref="Handlers.Reviews.IReviewHandler"/> and never
    /// stored (TokenReview, SubjectAccessReview …): no watch cache, no store keys.
    /// </summary>
    public bool Stored { get; init; } = true;

    /// <summary>The Warning every request on a deprecated kind is answered with (upstream's "v1 ComponentStatus is deprecated in v1.19+"); null when it is not deprecated.</summary>
    public string? DeprecationWarning { get; init; }

    /// <summary>Whether <c>metadata.generation</c> is bumped on spec changes.</summary>
    public bool HasGeneration { get; init; }

    /// <summary>
    /// Set on a custom resource served for a CustomResourceDefinition (its <see cref="ModelType"/> is then
    /// <see cref="CustomResources.CustomResourceObject"/>): the schema and subresource paths; null for built-in kinds.
    /// </summary>
    public CustomResources.CustomResourceInfo? Custom { get; init; }

    /// <summary>
    /// Set when this version is served from another version's storage (<see cref="VersionConversion.ObjectVersions"/>):
    /// writes run that version's strategy on its objects, answers are converted back. Null: stored as served.
    /// </summary>
    public VersionConversion.StoredAs? StoredAs { get; init; }

    /// <summary>The version whose objects are stored: this one unless <see cref="StoredAs"/> names another.</summary>
    public ResourceDefinition Storage => StoredAs?.Storage ?? this;

    /// <summary><c>apiVersion</c> as written in objects: "v1" for core, "group/version" otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"v1" or "group/version" discovery name, same as <see cref="ApiVersion"/>.</summary>
    public string GroupVersion => ApiVersion;

    public string ListKind => Kind + "List";

    /// <summary>Resource name as Status details and errors print it: "pods" or "deployments.apps".</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static readonly IReadOnlyList<string> StandardVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}
