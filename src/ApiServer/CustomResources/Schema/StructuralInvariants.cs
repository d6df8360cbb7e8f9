namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Upstream's ValidateStructural (apiextensions schema/validation.go): a schema is structural when every
/// specified field has a type, logical junctors (allOf/anyOf/oneOf/not) only restrict values, embedded
/// resources are objects, and metadata at the root restricts only name and generateName. Errors are
/// sorted by their text, as upstream sorts them. Paths: <c>…openAPIV3Schema.properties[spec].type</c>.
/// </summary>
internal static class StructuralInvariants
{
    private enum Level
    {
        Root,
        Item,
        Field,
    }

    public static List<StatusCause> Validate(StructuralSchema schema, string path)
    {
        var causes = new List<StatusCause>();
        Invariants(schema, Level.Root, path, causes);
        Completeness(schema, schema, path, path, causes);
        causes.Sort((a, b) => string.CompareOrdinal($"{a.Field}: {a.Message}", $"{b.Field}: {b.Message}"));
        return causes;
    }

    private static void Invariants(StructuralSchema? s, Level level, string path, List<StatusCause> causes)
    {
        if (s is null)
        {
            return;
        }

        if (s.Type == JsonKinds.Array && s.Items is null)
        {
            causes.Add(FieldErrors.Required(path + ".items", "must be specified"));
        }

        Invariants(s.Items, Level.Item, path + ".items", causes);
        foreach (var (name, property) in s.Properties)
        {
            Invariants(property, Level.Field, $"{path}.properties[{name}]", causes);
        }

        if (s.AdditionalProperties is not null || s.AdditionalPropertiesAllowed is not null)
        {
            if (level == Level.Root)
            {
                causes.Add(FieldErrors.Forbidden(path + ".additionalProperties", "must not be used at the root"));
            }

            Invariants(s.AdditionalProperties, Level.Field, path + ".additionalProperties", causes);
        }

        if (s.XIntOrString && s.XPreserveUnknownFields)
        {
            causes.Add(FieldErrors.Invalid(path + ".x-kubernetes-preserve-unknown-fields", "true", "must be false if x-kubernetes-int-or-string is true"));
        }

        if (s.XIntOrString && s.XEmbeddedResource)
        {
            causes.Add(FieldErrors.Invalid(path + ".x-kubernetes-embedded-resource", "true", "must be false if x-kubernetes-int-or-string is true"));
        }

        ValueValidation(s, IsIntOrStringAnyOf(s.AnyOf), s.AllOf.Count > 0 && IsIntOrStringAnyOf(s.AllOf[0].AnyOf), level, path, causes);

        if (s.XEmbeddedResource && s.Type != JsonKinds.Object)
        {
            causes.Add(s.Type.Length == 0
                ? FieldErrors.Required(path + ".type", "must be object if x-kubernetes-embedded-resource is true")
                : FieldErrors.InvalidText(path + ".type", s.Type, "must be object if x-kubernetes-embedded-resource is true"));
        }
        else if (s.Type.Length == 0 && !s.XIntOrString && !s.XPreserveUnknownFields)
        {
            causes.Add(FieldErrors.Required(path + ".type", level switch
            {
                Level.Root => "must not be empty at the root",
                Level.Item => "must not be empty for specified array items",
                _ => "must not be empty for specified object fields",
            }));
        }

        if (s.XEmbeddedResource && (s.AdditionalProperties is not null || s.AdditionalPropertiesAllowed is not null))
        {
            causes.Add(FieldErrors.Forbidden(path + ".additionalProperties", "must not be used if x-kubernetes-embedded-resource is set"));
        }

        if (level == Level.Root && s.Type.Length > 0 && s.Type != JsonKinds.Object)
        {
            causes.Add(FieldErrors.InvalidText(path + ".type", s.Type, "must be object at the root"));
        }

        var checkMetadata = level == Level.Root || s.XEmbeddedResource;
        foreach (var typeField in new[] { "kind", "apiVersion" })
        {
            if (checkMetadata && s.Properties.TryGetValue(typeField, out var meta) && meta.Type != JsonKinds.String)
            {
                causes.Add(FieldErrors.InvalidText($"{path}.properties[{typeField}].type", meta.Type, "must be string"));
            }
        }

        if (s.Properties.TryGetValue("metadata", out var metadata))
        {
            Metadata(metadata, checkMetadata, level, $"{path}.properties[metadata]", causes);
        }

        if (s.XEmbeddedResource && !s.XPreserveUnknownFields && s.Properties.Count == 0)
        {
            causes.Add(FieldErrors.Required(path + ".properties", "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
        }
    }

    private static void Metadata(StructuralSchema s, bool checkMetadata, Level level, string path, List<StatusCause> causes)
    {
        if (checkMetadata && s.Type != JsonKinds.Object)
        {
            causes.Add(FieldErrors.InvalidText(path + ".type", s.Type, "must be object"));
        }

        if (level != Level.Root)
        {
            return;
        }

        // Only type (object), a default (checked elsewhere) and properties name/generateName may be set.
        var onlyNames = s.Properties.Keys.All(k => k is "name" or "generateName");
        var bare = s with { Type = "", Default = null, HasDefault = false };
        if (!onlyNames || !SchemaShape.IsEmpty(bare, ignoreProperties: true))
        {
            causes.Add(FieldErrors.Forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }
    }

    private static bool IsIntOrStringAnyOf(IReadOnlyList<StructuralSchema> anyOf) =>
        anyOf.Count == 2
        && anyOf[0].Type == JsonKinds.Integer && SchemaShape.IsEmpty(anyOf[0] with { Type = "" }, ignoreProperties: false)
        && anyOf[1].Type == JsonKinds.String && SchemaShape.IsEmpty(anyOf[1] with { Type = "" }, ignoreProperties: false);

    private static void ValueValidation(StructuralSchema s, bool skipAnyOf, bool skipFirstAllOfAnyOf, Level level, string path, List<StatusCause> causes)
    {
        if (!skipAnyOf)
        {
            for (var i = 0; i < s.AnyOf.Count; i++)
            {
                Nested(s.AnyOf[i], false, level, $"{path}.anyOf[{i}]", causes);
            }
        }

        for (var i = 0; i < s.AllOf.Count; i++)
        {
            Nested(s.AllOf[i], skipFirstAllOfAnyOf && i == 0, level, $"{path}.allOf[{i}]", causes);
        }

        for (var i = 0; i < s.OneOf.Count; i++)
        {
            Nested(s.OneOf[i], false, level, $"{path}.oneOf[{i}]", causes);
        }

        if (s.Not is { } not)
        {
            Nested(not, false, level, path + ".not", causes);
        }

        if (s.Pattern.Length > 0 && SchemaPatterns.CompileError(s.Pattern) is { } error)
        {
            causes.Add(FieldErrors.InvalidText(path + ".pattern", s.Pattern, "must be a valid regular expression, but isn't: " + error));
        }
    }

    /// <summary>validateNestedValueValidation: under a junctor only value validations, items and properties may appear.</summary>
    private static void Nested(StructuralSchema v, bool skipAnyOf, Level level, string path, List<StatusCause> causes)
    {
        ValueValidation(v, skipAnyOf, false, level, path, causes);
        if (v.Items is { } items)
        {
            Nested(items, false, level, path + ".items", causes);
        }

        foreach (var (name, property) in v.Properties)
        {
            Nested(property, false, Level.Field, $"{path}.properties[{name}]", causes);
        }

        if (v.Type.Length > 0)
        {
            causes.Add(FieldErrors.Forbidden(path + ".type", "must be empty to be structural"));
        }

        if (v.AdditionalProperties is not null || v.AdditionalPropertiesAllowed is not null)
        {
            causes.Add(FieldErrors.Forbidden(path + ".additionalProperties", "must be undefined to be structural"));
        }

        Forbid(v.HasDefault, path + ".default", "must be undefined to be structural", causes);
        Forbid(v.Title.Length > 0, path + ".title", "must be empty to be structural", causes);
        Forbid(v.Description.Length > 0, path + ".description", "must be empty to be structural", causes);
        Forbid(v.Nullable, path + ".nullable", "must be false to be structural", causes);
        Forbid(v.ExternalDocs is not null, path + ".externalDocs", "must be undefined to be structural", causes);
        Forbid(v.XPreserveUnknownFields, path + ".x-kubernetes-preserve-unknown-fields", "must be false to be structural", causes);
        Forbid(v.XEmbeddedResource, path + ".x-kubernetes-embedded-resource", "must be false to be structural", causes);
        Forbid(v.XIntOrString, path + ".x-kubernetes-int-or-string", "must be false to be structural", causes);
        Forbid(v.XListMapKeys.Count > 0, path + ".x-kubernetes-list-map-keys", "must be empty to be structural", causes);
        Forbid(v.XListType is not null, path + ".x-kubernetes-list-type", "must be undefined to be structural", causes);
        Forbid(v.XMapType is not null, path + ".x-kubernetes-map-type", "must be undefined to be structural", causes);
        Forbid(v.XValidations.Count > 0, path + ".x-kubernetes-validations", "must be empty to be structural", causes);
        Forbid(v.Properties.ContainsKey("metadata"), $"{path}.properties[metadata]", "must not be specified in a nested context", causes);
    }

    /// <summary>
    /// validateStructuralCompleteness: what the root's junctors specify (properties, items) must be specified
    /// outside them too, at the same place.
    /// </summary>
    private static void Completeness(StructuralSchema v, StructuralSchema? s, string sPath, string vPath, List<StatusCause> causes)
    {
        if (v.Not is { } not)
        {
            NestedCompleteness(not, s, sPath, vPath + ".not", causes);
        }

        foreach (var (name, list) in new[] { ("allOf", v.AllOf), ("anyOf", v.AnyOf), ("oneOf", v.OneOf) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                NestedCompleteness(list[i], s, sPath, $"{vPath}.{name}[{i}]", causes);
            }
        }
    }

    private static void NestedCompleteness(StructuralSchema v, StructuralSchema? s, string sPath, string vPath, List<StatusCause> causes)
    {
        if (s is null)
        {
            causes.Add(FieldErrors.Required(sPath, "because it is defined in " + vPath));
            return;
        }

        Completeness(v, s, sPath, vPath, causes);
        if (v.Items is { } items)
        {
            NestedCompleteness(items, s.Items, sPath + ".items", vPath + ".items", causes);
        }

        foreach (var (name, property) in v.Properties)
        {
            if (s.Properties.TryGetValue(name, out var structural))
            {
                NestedCompleteness(property, structural, $"{sPath}.properties[{name}]", $"{vPath}.properties[{name}]", causes);
            }
            else
            {
                causes.Add(FieldErrors.Required($"{sPath}.properties[{name}]", $"because it is defined in {vPath}.properties[{name}]"));
            }
        }
    }

    private static void Forbid(bool condition, string field, string detail, List<StatusCause> causes)
    {
        if (condition)
        {
            causes.Add(FieldErrors.Forbidden(field, detail));
        }
    }
}
