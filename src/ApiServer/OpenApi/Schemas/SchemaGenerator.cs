using k8s.Models;

namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// Turns one KubernetesClient model into its OpenAPI v3 schema the way kube-apiserver publishes it:
/// fields sorted by name, references as <c>{"allOf":[{"$ref":…}]}</c> with the field's description
/// beside them, <c>required</c>, strategic-merge extensions on the fields that have them, and
/// <c>x-kubernetes-group-version-kind</c> (a list) on top-level kinds.
/// </summary>
internal sealed class SchemaGenerator(SchemaNaming naming, ModelDocumentation docs)
{
    public const string RefPrefix = "#/components/schemas/";

    public NamedSchema Generate(Type model)
    {
        var references = new SortedSet<string>(StringComparer.Ordinal);
        var schema = new JsonObject();
        if (docs.OfType(model) is { Length: > 0 } description)
        {
            schema["description"] = description;
        }

        var fields = ModelTypes.PropertiesOf(model);
        if (fields.Count > 0)
        {
            var properties = new JsonObject();
            foreach (var field in fields)
            {
                properties[field.JsonName] = Field(field, references);
            }

            schema["properties"] = properties;
        }

        if (Required(model, fields) is { Count: > 0 } required)
        {
            schema["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]);
        }

        schema["type"] = "object";
        if (ModelTypes.KindOf(model) is { } gvk)
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray(GroupVersionKind(gvk.Group, gvk.Version, gvk.Kind));
        }

        return new NamedSchema(naming.NameOf(model), schema, references);
    }

    /// <summary>The <c>{"group","kind","version"}</c> object upstream attaches to kinds and operations.</summary>
    public static JsonObject GroupVersionKind(string group, string version, string kind) => new()
    {
        ["group"] = group,
        ["kind"] = kind,
        ["version"] = version,
    };

    /// <summary>A reference in upstream's style, which leaves room for a description beside it.</summary>
    public static JsonObject Reference(string name) => new()
    {
        ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = RefPrefix + name }),
    };

    private JsonObject Field(ModelProperty field, ISet<string> references)
    {
        var schema = Shape(field, field.Type, references);
        if (docs.OfProperty(field) is { Length: > 0 } description)
        {
            schema["description"] = description;
        }

        if (PatchMetadata.For(field.Owner, field.JsonName) is { } patch)
        {
            if (patch.MergeKey is not null)
            {
                schema["x-kubernetes-patch-merge-key"] = patch.MergeKey;
            }

            schema["x-kubernetes-patch-strategy"] = patch.Tag;
        }

        return schema;
    }

    private JsonObject Shape(ModelProperty field, Type type, ISet<string> references)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Shape(field, underlying, references);
        }

        if (ModelTypes.ListElement(type) is { } element)
        {
            return new JsonObject { ["items"] = Shape(field, element, references), ["type"] = "array" };
        }

        if (ModelTypes.MapValue(type) is { } value)
        {
            return new JsonObject { ["additionalProperties"] = Shape(field, value, references), ["type"] = "object" };
        }

        var named = NamedSchemaOf(field, type);
        if (named is not null)
        {
            references.Add(named);
            return Reference(named);
        }

        return Scalar(field, type);
    }

    /// <summary>The named schema a field's (unwrapped) type refers to, or null when it is inlined.</summary>
    private string? NamedSchemaOf(ModelProperty field, Type type) => type switch
    {
        _ when type == typeof(DateTime) => KnownSchemas.TimeOf(field),
        _ when type == typeof(IntOrString) => KnownSchemas.IntOrString,
        _ when type == typeof(ResourceQuantity) => KnownSchemas.Quantity,
        _ when type == typeof(object) => KnownSchemas.ObjectOf(field),
        _ when ModelTypes.IsObjectModel(type) => naming.NameOf(type),
        _ => null,
    };

    private static JsonObject Scalar(ModelProperty field, Type type) => type switch
    {
        _ when type == typeof(string) => new JsonObject { ["type"] = "string" },
        _ when type == typeof(bool) => new JsonObject { ["type"] = "boolean" },
        _ when type == typeof(int) => new JsonObject { ["format"] = "int32", ["type"] = "integer" },
        _ when type == typeof(long) => new JsonObject { ["format"] = "int64", ["type"] = "integer" },
        _ when type == typeof(double) => new JsonObject { ["format"] = "double", ["type"] = "number" },
        _ when type == typeof(byte[]) => new JsonObject { ["format"] = "byte", ["type"] = "string" },
        // Free-form content the client leaves untyped (alpha unions of empty structs, embedded objects).
        _ when type == typeof(object) => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        _ => throw new NotSupportedException($"No OpenAPI mapping for {type} ({field.Owner.Name}.{field.JsonName})"),
    };

    /// <summary>Listed required fields first, then non-nullable value types, then a list kind's items.</summary>
    private static List<string> Required(Type model, IReadOnlyList<ModelProperty> fields)
    {
        var names = fields.Select(f => f.JsonName).ToHashSet(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var listed in RequiredFields.Of(model))
        {
            if (!names.Contains(listed))
            {
                throw new InvalidOperationException($"RequiredFields lists {model.Name}.{listed}, which the model does not have");
            }

            required.Add(listed);
        }

        required.AddRange(fields
            .Where(f => f.Type.IsValueType && Nullable.GetUnderlyingType(f.Type) is null)
            .Select(f => f.JsonName));
        if (ModelTypes.KindOf(model)?.Kind.EndsWith("List", StringComparison.Ordinal) == true && names.Contains("items"))
        {
            required.Add("items");
        }

        return [.. required.Distinct(StringComparer.Ordinal)];
    }
}
