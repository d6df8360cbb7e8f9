namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// A structural schema as published in the OpenAPI documents (upstream's Structural.ToKubeOpenAPI, and for
/// v2 first ToStructuralOpenAPIV2). Contract with the caller (the CRD OpenAPI builder): the result is the
/// schema of the kind as written in the CRD; the caller replaces <c>properties.metadata</c> with the
/// reference to ObjectMeta (<c>#/definitions/…ObjectMeta</c> in v2, <c>#/components/schemas/…</c> in v3),
/// adds the apiVersion/kind descriptions if absent, and adds <c>x-kubernetes-group-version-kind</c> at the
/// root. Pure; the returned nodes are fresh copies.
/// </summary>
internal static class OpenApiConversion
{
    /// <summary>The v3 schema: every structural field, value validation, junctor and extension as written.</summary>
    public static JsonObject ToV3(StructuralSchema s) => Write(s, v2: false);

    /// <summary>
    /// The v2 schema, as upstream converts for v2 clients (kubectl before OpenAPI v3): allOf/anyOf/oneOf/not
    /// dropped; a nullable node loses type, items and properties (kubectl cannot take typed nulls); a
    /// preserve-unknown-fields node loses items and properties; an array left without items loses its
    /// type; a nullable property is no longer required, and nothing is when additionalProperties is nullable.
    /// </summary>
    public static JsonObject ToV2(StructuralSchema s) => Write(ForV2(s), v2: true);

    private static StructuralSchema ForV2(StructuralSchema s)
    {
        var result = s with { AllOf = [], AnyOf = [], OneOf = [], Not = null };
        if (result.Nullable)
        {
            result = result with { Type = "", Nullable = false, Items = null, Properties = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal) };
        }

        if (result.XPreserveUnknownFields)
        {
            result = result with { Items = null, Properties = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal) };
        }

        if (result.Items is null && result.Type == JsonKinds.Array)
        {
            result = result with { Type = "" };
        }

        var required = result.Required.Where(r => !(result.Properties.TryGetValue(r, out var p) && p.Nullable)).ToList();
        if (result.AdditionalProperties is { Nullable: true })
        {
            required = [];
        }

        var properties = new SortedDictionary<string, StructuralSchema>(StringComparer.Ordinal);
        foreach (var (name, property) in result.Properties)
        {
            properties[name] = ForV2(property);
        }

        return result with
        {
            Required = required,
            Properties = properties,
            Items = result.Items is null ? null : ForV2(result.Items),
            AdditionalProperties = result.AdditionalProperties is null ? null : ForV2(result.AdditionalProperties),
        };
    }

    private static JsonObject Write(StructuralSchema s, bool v2)
    {
        var o = new JsonObject();
        Set(o, "description", s.Description);
        if (s.Type.Length > 0)
        {
            o["type"] = s.Type;
        }

        Set(o, "format", s.Format);
        Set(o, "title", s.Title);
        if (s.Default is not null)
        {
            o["default"] = JsonTree.Clone(s.Default);
        }

        Number(o, "maximum", s.Maximum);
        Flag(o, "exclusiveMaximum", s.ExclusiveMaximum);
        Number(o, "minimum", s.Minimum);
        Flag(o, "exclusiveMinimum", s.ExclusiveMinimum);
        Integer(o, "maxLength", s.MaxLength);
        Integer(o, "minLength", s.MinLength);
        Set(o, "pattern", s.Pattern);
        Integer(o, "maxItems", s.MaxItems);
        Integer(o, "minItems", s.MinItems);
        Flag(o, "uniqueItems", s.UniqueItems);
        Number(o, "multipleOf", s.MultipleOf);
        if (s.Enum is not null)
        {
            o["enum"] = new JsonArray([.. s.Enum.Select(JsonTree.Clone)]);
        }

        Integer(o, "maxProperties", s.MaxProperties);
        Integer(o, "minProperties", s.MinProperties);
        if (s.Required.Count > 0)
        {
            o["required"] = new JsonArray([.. s.Required.Select(r => (JsonNode?)JsonValue.Create(r))]);
        }

        if (s.Items is not null)
        {
            o["items"] = Write(s.Items, v2);
        }

        Junctor(o, "allOf", s.AllOf, v2);
        Junctor(o, "oneOf", s.OneOf, v2);
        Junctor(o, "anyOf", s.AnyOf, v2);
        if (s.Not is not null)
        {
            o["not"] = Write(s.Not, v2);
        }

        if (s.Properties.Count > 0)
        {
            var properties = new JsonObject();
            foreach (var (name, property) in s.Properties)
            {
                properties[name] = Write(property, v2);
            }

            o["properties"] = properties;
        }

        if (s.AdditionalProperties is not null)
        {
            o["additionalProperties"] = Write(s.AdditionalProperties, v2);
        }
        else if (s.AdditionalPropertiesAllowed is { } allowed)
        {
            o["additionalProperties"] = allowed;
        }

        Flag(o, "nullable", s.Nullable && !v2);
        if (s.ExternalDocs is not null)
        {
            o["externalDocs"] = JsonTree.Clone(s.ExternalDocs);
        }

        Flag(o, "x-kubernetes-preserve-unknown-fields", s.XPreserveUnknownFields);
        Flag(o, "x-kubernetes-embedded-resource", s.XEmbeddedResource);
        Flag(o, "x-kubernetes-int-or-string", s.XIntOrString);
        if (s.XListMapKeys.Count > 0)
        {
            o["x-kubernetes-list-map-keys"] = new JsonArray([.. s.XListMapKeys.Select(k => (JsonNode?)JsonValue.Create(k))]);
        }

        if (s.XListType is not null)
        {
            o["x-kubernetes-list-type"] = s.XListType;
        }

        if (s.XMapType is not null)
        {
            o["x-kubernetes-map-type"] = s.XMapType;
        }

        if (s.XValidations.Count > 0)
        {
            o["x-kubernetes-validations"] = new JsonArray([.. s.XValidations.Select(Rule)]);
        }

        return o;
    }

    private static JsonNode Rule(ValidationRule rule)
    {
        var o = new JsonObject { ["rule"] = rule.Rule };
        Set(o, "message", rule.Message);
        Set(o, "messageExpression", rule.MessageExpression ?? "");
        Set(o, "reason", rule.Reason ?? "");
        Set(o, "fieldPath", rule.FieldPath ?? "");
        Flag(o, "optionalOldSelf", rule.OptionalOldSelf);
        return o;
    }

    private static void Junctor(JsonObject o, string key, IReadOnlyList<StructuralSchema> schemas, bool v2)
    {
        if (schemas.Count > 0)
        {
            o[key] = new JsonArray([.. schemas.Select(x => (JsonNode?)Write(x, v2))]);
        }
    }

    private static void Set(JsonObject o, string key, string value)
    {
        if (value.Length > 0)
        {
            o[key] = value;
        }
    }

    private static void Flag(JsonObject o, string key, bool value)
    {
        if (value)
        {
            o[key] = true;
        }
    }

    private static void Number(JsonObject o, string key, double? value)
    {
        if (value is { } v)
        {
            o[key] = Math.Floor(v) == v && Math.Abs(v) < 1e15 ? JsonValue.Create((long)v) : JsonValue.Create(v);
        }
    }

    private static void Integer(JsonObject o, string key, long? value)
    {
        if (value is { } v)
        {
            o[key] = v;
        }
    }
}
