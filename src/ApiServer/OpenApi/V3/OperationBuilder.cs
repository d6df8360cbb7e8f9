namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>
/// Builds the operation objects of one group-version document and remembers every schema they
/// reference, so the document can include them. Each operation carries the
/// <c>x-kubernetes-action</c> and <c>x-kubernetes-group-version-kind</c> (a single object here,
/// unlike on schemas) that kubectl matches against a manifest.
/// </summary>
internal sealed class OperationBuilder(GroupVersion groupVersion)
{
    private const string Json = "application/json";
    private const string Yaml = "application/yaml";

    /// <summary>The patch content types the server accepts; kubectl picks one per patch kind.</summary>
    public static readonly IReadOnlyList<string> PatchContentTypes =
    [
        "application/apply-patch+yaml",
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
    ];

    private readonly SortedSet<string> _referenced = new(StringComparer.Ordinal);

    /// <summary>Every schema the operations built so far reference.</summary>
    public IReadOnlyCollection<string> ReferencedSchemas => _referenced;

    public JsonObject Read(OperationTarget target) =>
        Operation("read", "get", $"read {target.Describe("the specified")}", target, [], null, Responses(target.Schema, created: false, accepted: false));

    public JsonObject Replace(OperationTarget target) =>
        Operation("replace", "put", $"replace {target.Describe("the specified")}", target, WriteParameters(), Body(target.Schema), Responses(target.Schema, created: true, accepted: false));

    public JsonObject Patch(OperationTarget target)
    {
        _referenced.Add(KnownSchemas.Patch);
        var content = new JsonObject();
        foreach (var type in PatchContentTypes.Where(t => !target.CustomResource || t != "application/strategic-merge-patch+json"))
        {
            content[type] = new JsonObject { ["schema"] = Ref(KnownSchemas.Patch) };
        }

        var body = new JsonObject { ["content"] = content, ["required"] = true };
        return Operation("patch", "patch", $"partially update {target.Describe("the specified")}", target,
            [.. WriteParameters(), Parameters.Force()], body, Responses(target.Schema, created: true, accepted: false));
    }

    public JsonObject Create(OperationTarget target) =>
        Operation("create", "post", $"create {target.Describe("a")}", target, WriteParameters(), Body(target.Schema), Responses(target.Schema, created: true, accepted: true));

    public JsonObject Delete(OperationTarget target)
    {
        var body = new JsonObject { ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = Ref(SchemaNaming.DeleteOptions) } } };
        return Operation("delete", "delete", $"delete {target.Describe("a")}", target,
            [Parameters.DryRun(), Parameters.GracePeriodSeconds(), Parameters.OrphanDependents(), Parameters.PropagationPolicy()],
            body, Responses(SchemaNaming.Status, created: false, accepted: true));
    }

    public JsonObject DeleteCollection(OperationTarget target) =>
        Operation("deleteCollection", "deletecollection", $"delete collection of {target.Kind}", target,
            [Parameters.DryRun(), Parameters.GracePeriodSeconds(), Parameters.PropagationPolicy(), .. Parameters.ListOptions()],
            null, Responses(SchemaNaming.Status, created: false, accepted: false));

    public JsonObject List(OperationTarget target, string listSchema)
    {
        var content = Content(listSchema, Json, Yaml, "application/json;stream=watch");
        var responses = new JsonObject
        {
            ["200"] = new JsonObject { ["content"] = content, ["description"] = "OK" },
            ["401"] = new JsonObject { ["description"] = "Unauthorized" },
        };
        return Operation("list", "list", $"list or watch objects of kind {target.Kind}", target, Parameters.ListOptions(), null, responses);
    }

    /// <summary>A <c>$ref</c> to a component schema, recorded as referenced.</summary>
    public JsonObject Ref(string schema)
    {
        _referenced.Add(schema);
        return new JsonObject { ["$ref"] = SchemaGenerator.RefPrefix + schema };
    }

    private JsonObject Operation(
        string verb, string action, string description, OperationTarget target,
        IEnumerable<JsonObject> parameters, JsonObject? body, JsonObject responses)
    {
        var operation = new JsonObject
        {
            ["description"] = description,
            ["operationId"] = verb + groupVersion.OperationInfix + target.OperationSuffix,
        };
        var list = parameters.ToArray();
        if (list.Length > 0)
        {
            operation["parameters"] = new JsonArray(list);
        }

        if (body is not null)
        {
            operation["requestBody"] = body;
        }

        operation["responses"] = responses;
        operation["tags"] = new JsonArray(groupVersion.Tag);
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = SchemaGenerator.GroupVersionKind(target.Group, target.Version, target.Kind);
        return operation;
    }

    private static IEnumerable<JsonObject> WriteParameters() =>
        [Parameters.DryRun(), Parameters.FieldManager(), Parameters.FieldValidation()];

    private JsonObject Body(string schema) => new()
    {
        ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = Ref(schema) } },
        ["required"] = true,
    };

    private JsonObject Responses(string schema, bool created, bool accepted)
    {
        var responses = new JsonObject { ["200"] = new JsonObject { ["content"] = Content(schema, Json, Yaml), ["description"] = "OK" } };
        if (created)
        {
            responses["201"] = new JsonObject { ["content"] = Content(schema, Json, Yaml), ["description"] = "Created" };
        }

        if (accepted)
        {
            responses["202"] = new JsonObject { ["content"] = Content(schema, Json, Yaml), ["description"] = "Accepted" };
        }

        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        return responses;
    }

    private JsonObject Content(string schema, params string[] mediaTypes)
    {
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = Ref(schema) };
        }

        return content;
    }
}
