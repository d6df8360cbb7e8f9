using Orchestrator.ApiServer.CustomResources.Schema.Cel;

namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Upstream's ValidateCustomResourceDefinitionOpenAPISchema with the v1 options (valid property types,
/// atomic set items, map-list keys required or defaulted, pruned defaults), node by node: the schema
/// errors of a node first, its <c>x-kubernetes-validations</c> compile errors only when the whole schema
/// has none (upstream cannot type rules over a broken schema).
/// </summary>
internal static class OpenApiSchemaRules
{
    private static readonly string[] Types = ["array", "boolean", "integer", "number", "object", "string"];

    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "metadata", "kind", "apiVersion" };

    private sealed record Context(bool AllowDefaults, string DefaultsReason, bool InsideResourceMeta, string? Uncorrelatable);

    public static void Validate(StructuralSchema schema, string path, bool compileRules, List<StatusCause> causes)
    {
        var schemaErrors = new List<StatusCause>();
        var celErrors = new List<StatusCause>();
        Node(schema, path, new Context(true, "", false, null), isRoot: true, schemaErrors, celErrors);
        causes.AddRange(schemaErrors);
        if (compileRules && schemaErrors.Count == 0)
        {
            causes.AddRange(celErrors);
        }
    }

    private static void Node(StructuralSchema s, string path, Context context, bool isRoot, List<StatusCause> errors, List<StatusCause> cel)
    {
        Standard(s, path, context, errors);
        if (s.UniqueItems)
        {
            errors.Add(FieldErrors.Forbidden(path + ".uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }

        if (s.AdditionalProperties is not null || s.AdditionalPropertiesAllowed is not null)
        {
            if (s.Properties.Count > 0 && (s.AdditionalPropertiesAllowed == false || s.AdditionalProperties is not null))
            {
                errors.Add(FieldErrors.Forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"));
            }

            if (s.AdditionalProperties is { } additional)
            {
                var sub = context.InsideResourceMeta ? context with { AllowDefaults = false, DefaultsReason = "inside additionalProperties applying to object metadata" } : context;
                Node(additional, path + ".additionalProperties", sub, false, errors, cel);
            }
        }

        foreach (var (name, property) in s.Properties)
        {
            var sub = s.XMapType == "atomic" ? Uncorrelatable(context, path) : context;
            if ((isRoot || s.XEmbeddedResource) && MetaFields.Contains(name))
            {
                sub = sub with { InsideResourceMeta = true };
                if (isRoot)
                {
                    sub = sub with { AllowDefaults = false, DefaultsReason = "in top-level " + name };
                }
            }

            Node(property, $"{path}.properties[{name}]", sub, false, errors, cel);
        }

        if (s.Not is { } not)
        {
            Node(not, path + ".not", context, false, errors, cel);
        }

        Junctor(s.AllOf, path + ".allOf", context, errors, cel);
        Junctor(s.OneOf, path + ".oneOf", context, errors, cel);
        Junctor(s.AnyOf, path + ".anyOf", context, errors, cel);
        if (s.Items is { } items)
        {
            var sub = s.XListType == "map" ? context : Uncorrelatable(context, path);
            Node(items, path + ".items", sub, false, errors, cel);
        }

        Extensions(s, path, errors);
        MapListKeys(s, path, errors);
        ValidationRuleChecks.Check(s, path, context.Uncorrelatable, errors, cel);
    }

    private static Context Uncorrelatable(Context context, string path) =>
        context.Uncorrelatable is null ? context with { Uncorrelatable = path } : context;

    private static void Junctor(IReadOnlyList<StructuralSchema> schemas, string path, Context context, List<StatusCause> errors, List<StatusCause> cel)
    {
        for (var i = 0; i < schemas.Count; i++)
        {
            Node(schemas[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", context, false, errors, cel);
        }
    }

    /// <summary>specStandardValidatorV3.validate.</summary>
    private static void Standard(StructuralSchema s, string path, Context context, List<StatusCause> errors)
    {
        if (s.Type.Length > 0 && !Types.Contains(s.Type))
        {
            errors.Add(FieldErrors.NotSupported(path + ".type", s.Type, Types));
        }

        if (s.HasDefault && !context.AllowDefaults)
        {
            errors.Add(FieldErrors.Forbidden(path + ".default", "must not be set" + (context.DefaultsReason.Length > 0 ? " " + context.DefaultsReason : "")));
        }

        foreach (var key in s.UnsupportedKeys)
        {
            errors.Add(key switch
            {
                "items" => FieldErrors.Forbidden(path + ".items", "items must be a schema object and not an array"),
                "$schema" => FieldErrors.Forbidden(path + ".$schema", "$schema is not supported"),
                _ => FieldErrors.Forbidden($"{path}.{key}", $"{key} is not supported"),
            });
        }

        if (s.Type == "null")
        {
            errors.Add(FieldErrors.Forbidden(path + ".type", "type cannot be set to null, use nullable as an alternative"));
        }

        if (context.InsideResourceMeta && s.XEmbeddedResource)
        {
            errors.Add(FieldErrors.Forbidden(path + ".x-kubernetes-embedded-resource", "must not be used inside of resource meta"));
        }
    }

    private static void Extensions(StructuralSchema s, string path, List<StatusCause> errors)
    {
        if (s.XPreserveUnknownFieldsValue == false)
        {
            errors.Add(FieldErrors.Invalid(path + ".x-kubernetes-preserve-unknown-fields", "false", "must be true or undefined"));
        }

        if (s.XMapType is { } mapType)
        {
            if (s.Type != JsonKinds.Object)
            {
                errors.Add(s.Type.Length == 0
                    ? FieldErrors.Required(path + ".type", "must be object if x-kubernetes-map-type is specified")
                    : FieldErrors.InvalidText(path + ".type", s.Type, "must be object if x-kubernetes-map-type is specified"));
            }

            if (mapType is not ("atomic" or "granular"))
            {
                errors.Add(FieldErrors.NotSupported(path + ".x-kubernetes-map-type", mapType, "atomic", "granular"));
            }
        }

        if (s.XListType is { } listType && s.Type != JsonKinds.Array)
        {
            errors.Add(s.Type.Length == 0
                ? FieldErrors.Required(path + ".type", "must be array if x-kubernetes-list-type is specified")
                : FieldErrors.InvalidText(path + ".type", s.Type, "must be array if x-kubernetes-list-type is specified"));
        }
        else if (s.XListType == "set" && s.Items is { } items)
        {
            if (items.Type == JsonKinds.Array && items.XListType is { } itemListType && itemListType != "atomic")
            {
                errors.Add(FieldErrors.Invalid(path + ".items.x-kubernetes-list-type", GoText.Quote(itemListType), "must be atomic as item of a list with x-kubernetes-list-type=set"));
            }
            else if (items.Type == JsonKinds.Object && items.XMapType != "atomic")
            {
                errors.Add(FieldErrors.Invalid(path + ".items.x-kubernetes-map-type", items.XListType is null ? "nil" : GoText.Quote(items.XListType), "must be atomic as item of a list with x-kubernetes-list-type=set"));
            }
        }

        if (s.XListType is { } type && type is not ("atomic" or "set" or "map"))
        {
            errors.Add(FieldErrors.NotSupported(path + ".x-kubernetes-list-type", type, "atomic", "set", "map"));
        }

        if (s.XListMapKeys.Count > 0)
        {
            if (s.XListType is null)
            {
                errors.Add(FieldErrors.Required(path + ".x-kubernetes-list-type", "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
            else if (s.XListType != "map")
            {
                errors.Add(FieldErrors.InvalidText(path + ".x-kubernetes-list-type", s.XListType, "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
        }

        if (s.XListType != "map")
        {
            return;
        }

        if (s.XListMapKeys.Count == 0)
        {
            errors.Add(FieldErrors.Required(path + ".x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"));
        }

        if (s.Items is null)
        {
            errors.Add(FieldErrors.Required(path + ".items", "must have a schema if x-kubernetes-list-type is map"));
            return;
        }

        if (s.Items.Type != JsonKinds.Object)
        {
            errors.Add(FieldErrors.InvalidText(path + ".items.type", s.Items.Type, "must be object if parent array's x-kubernetes-list-type is map"));
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var keyList = "[]string{" + string.Join(", ", s.XListMapKeys.Select(GoText.Quote)) + "}";
        foreach (var key in s.XListMapKeys)
        {
            if (s.Items.Properties.TryGetValue(key, out var keySchema))
            {
                if (keySchema.Type is JsonKinds.Array or JsonKinds.Object)
                {
                    errors.Add(FieldErrors.InvalidText($"{path}.items.properties[{key}].type", s.Items.Type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
                }
            }
            else
            {
                errors.Add(FieldErrors.Invalid(path + ".x-kubernetes-list-map-keys", keyList, "entries must all be names of item properties"));
            }

            if (!keys.Add(key))
            {
                errors.Add(FieldErrors.Invalid(path + ".x-kubernetes-list-map-keys", keyList, "must not contain duplicate entries"));
            }
        }
    }

    /// <summary>validateMapListKeysMapSet: set and map items are not nullable; map keys are required or defaulted and not nullable.</summary>
    private static void MapListKeys(StructuralSchema s, string path, List<StatusCause> errors)
    {
        if (s.Items is not { } items || s.XListType is not ("set" or "map"))
        {
            return;
        }

        if (items.Nullable)
        {
            errors.Add(FieldErrors.Forbidden(path + ".items.nullable", "cannot be nullable when x-kubernetes-list-type is " + s.XListType));
        }

        if (s.XListType != "map")
        {
            return;
        }

        foreach (var key in s.XListMapKeys)
        {
            if (!items.Properties.TryGetValue(key, out var keySchema))
            {
                continue;
            }

            if (!items.Required.Contains(key) && !keySchema.HasDefault)
            {
                errors.Add(FieldErrors.Required($"{path}.items.properties[{key}].default", "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
            }

            if (keySchema.Nullable)
            {
                errors.Add(FieldErrors.Forbidden($"{path}.items.properties[{key}].nullable", "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
            }
        }
    }

}
