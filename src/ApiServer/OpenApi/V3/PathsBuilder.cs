namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>
/// The <c>paths</c> of one group-version document: for each resource the collection path
/// (list/create/deletecollection), the item path (read/replace/patch/delete), the cluster-wide list
/// of a namespaced resource, and each subresource, offering only the verbs the resource serves.
/// </summary>
internal sealed class PathsBuilder
{
    private readonly GroupVersion _groupVersion;
    private readonly SchemaNaming _naming;
    private readonly OperationBuilder _operations;
    private readonly JsonObject _paths = [];

    public PathsBuilder(GroupVersion groupVersion, SchemaNaming naming)
    {
        _groupVersion = groupVersion;
        _naming = naming;
        _operations = new OperationBuilder(groupVersion);
    }

    /// <summary>Every schema the paths reference; the document must include their closure.</summary>
    public IReadOnlyCollection<string> ReferencedSchemas => _operations.ReferencedSchemas;

    public JsonObject Paths => _paths;

    public PathsBuilder Add(ResourceDefinition resource)
    {
        var verbs = resource.Verbs.ToHashSet(StringComparer.Ordinal);
        var custom = resource.Custom is not null;
        var kind = custom ? CustomResourceSchemas.KindName(resource) : _naming.NameOf(resource.ModelType);
        var list = custom ? CustomResourceSchemas.ListName(resource) : _naming.NameOf(resource.ListType);
        var self = new OperationTarget(resource.Group, resource.Version, resource.Kind, kind, resource.Kind, resource.Namespaced, CustomResource: custom);
        var collection = resource.Namespaced
            ? $"{_groupVersion.PathPrefix}/namespaces/{{namespace}}/{resource.Plural}"
            : $"{_groupVersion.PathPrefix}/{resource.Plural}";
        var item = collection + "/{name}";

        var collectionItem = PathItem(ScopeParameters(resource, named: null));
        if (verbs.Contains("list"))
        {
            collectionItem["get"] = _operations.List(self, list);
        }

        if (verbs.Contains("create"))
        {
            collectionItem["post"] = _operations.Create(self);
        }

        if (verbs.Contains("deletecollection"))
        {
            collectionItem["delete"] = _operations.DeleteCollection(self);
        }

        AddIfOperations(collection, collectionItem);

        var itemPath = PathItem(ScopeParameters(resource, named: resource.Kind));
        AddItemOperations(itemPath, self, verbs);
        AddIfOperations(item, itemPath);

        if (resource.Namespaced && verbs.Contains("list"))
        {
            var all = PathItem([]);
            all["get"] = _operations.List(self with { AllNamespaces = true }, list);
            _paths[$"{_groupVersion.PathPrefix}/{resource.Plural}"] = all;
        }

        // Connect subresources (exec, log …) take query options and stream; they have no schema to document.
        foreach (var subresource in resource.Subresources.Where(s => !s.Connect))
        {
            var target = SubresourceTarget(resource, subresource, kind);
            var path = PathItem(ScopeParameters(resource, named: resource.Kind));
            AddItemOperations(path, target, subresource.Verbs.ToHashSet(StringComparer.Ordinal));
            if (subresource.Verbs.Contains("create"))
            {
                path["post"] = _operations.Create(target);
            }

            AddIfOperations($"{item}/{subresource.Name}", path);
        }

        return this;
    }

    private void AddItemOperations(JsonObject path, OperationTarget target, HashSet<string> verbs)
    {
        if (verbs.Contains("get"))
        {
            path["get"] = _operations.Read(target);
        }

        if (verbs.Contains("update"))
        {
            path["put"] = _operations.Replace(target);
        }

        if (verbs.Contains("patch"))
        {
            path["patch"] = _operations.Patch(target);
        }

        if (verbs.Contains("delete") && target.Subresource is null)
        {
            path["delete"] = _operations.Delete(target);
        }
    }

    /// <summary>Status speaks the parent kind; scale, eviction and binding speak their own (found by group, version and kind).</summary>
    private OperationTarget SubresourceTarget(ResourceDefinition resource, SubresourceDefinition subresource, string parentSchema)
    {
        var sameKind = subresource.Group == resource.Group && subresource.Version == resource.Version && subresource.Kind == resource.Kind;
        var schema = sameKind ? parentSchema : _naming.NameOf(ModelOf(subresource));
        return new OperationTarget(subresource.Group, subresource.Version, subresource.Kind, schema, resource.Kind, resource.Namespaced, subresource.Name,
            CustomResource: resource.Custom is not null);
    }

    /// <summary>The model type of a subresource's kind; a kind without one is a registry mistake.</summary>
    public static Type ModelOf(SubresourceDefinition subresource) =>
        ModelTypes.AllKinds.GetValueOrDefault((subresource.Group, subresource.Version, subresource.Kind))
        ?? throw new InvalidOperationException(
            $"No KubernetesClient model for {subresource.Group}/{subresource.Version} {subresource.Kind} (subresource {subresource.Name})");

    private static List<JsonObject> ScopeParameters(ResourceDefinition resource, string? named)
    {
        var parameters = new List<JsonObject>();
        if (named is not null)
        {
            parameters.Add(Parameters.Name(named));
        }

        if (resource.Namespaced)
        {
            parameters.Add(Parameters.Namespace());
        }

        return parameters;
    }

    private static JsonObject PathItem(List<JsonObject> parameters)
    {
        parameters.Add(Parameters.Pretty());
        return new JsonObject { ["parameters"] = new JsonArray([.. parameters]) };
    }

    private void AddIfOperations(string path, JsonObject item)
    {
        if (item.Count > 1)
        {
            _paths[path] = item;
        }
    }
}
