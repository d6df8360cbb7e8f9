namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>Reads <c>openAPIV3Schema</c> JSON into <see cref="StructuralSchema"/> nodes, one level of recursion per schema level.</summary>
internal static class SchemaParser
{
    /// <summary>The JSONSchemaProps keys upstream decodes but this model does not hold; CRD validation refuses them.</summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "$ref", "id", "$schema", "patternProperties", "dependencies", "additionalItems", "definitions",
    };

    public static StructuralSchema Parse(JsonObject json) => Parse(json, "", 0);

    private static StructuralSchema Parse(JsonObject json, string path, int depth)
    {
        if (depth >= SchemaLimits.MaxDepth)
        {
            throw new SchemaTooDeepException();
        }

        var unsupported = new List<string>();
        foreach (var key in json.Select(p => p.Key))
        {
            if (Unsupported.Contains(key))
            {
                unsupported.Add(key);
            }
        }

        StructuralSchema? items = null;
        if (json["items"] is JsonNode itemsNode)
        {
            if (itemsNode is JsonObject itemsObject)
            {
                items = Parse(itemsObject, path + ".items", depth + 1);
            }
            else
            {
                // items as a list of schemas (tuple validation) is upstream's JSONSchemas, never structural.
                unsupported.Add("items");
            }
        }

        StructuralSchema? additional = null;
        bool? additionalAllowed = null;
        switch (json["additionalProperties"])
        {
            case JsonObject additionalObject:
                additional = Parse(additionalObject, path + ".additionalProperties", depth + 1);
                break;
            case JsonValue additionalValue when additionalValue.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                additionalAllowed = additionalValue.GetValue<bool>();
                break;
            case null:
                break;
            default:
                throw Wrong(path, "additionalProperties", "a boolean or an object");
        }

        var hasDefault = json.TryGetPropertyValue("default", out var defaultValue);
        bool? preserve = Bool(json, path, "x-kubernetes-preserve-unknown-fields");
        return new StructuralSchema
        {
            Type = String(json, path, "type") ?? "",
            Properties = Properties(json, path, depth),
            Items = items,
            AdditionalProperties = additional,
            AdditionalPropertiesAllowed = additionalAllowed,
            Required = Strings(json, path, "required"),
            Enum = json["enum"] switch
            {
                null => null,
                JsonArray values => values.Select(JsonTree.Clone).ToList(),
                _ => throw Wrong(path, "enum", "an array"),
            },
            Maximum = Number(json, path, "maximum"),
            ExclusiveMaximum = Bool(json, path, "exclusiveMaximum") ?? false,
            Minimum = Number(json, path, "minimum"),
            ExclusiveMinimum = Bool(json, path, "exclusiveMinimum") ?? false,
            MultipleOf = Number(json, path, "multipleOf"),
            MaxLength = Integer(json, path, "maxLength"),
            MinLength = Integer(json, path, "minLength"),
            Pattern = String(json, path, "pattern") ?? "",
            MaxItems = Integer(json, path, "maxItems"),
            MinItems = Integer(json, path, "minItems"),
            UniqueItems = Bool(json, path, "uniqueItems") ?? false,
            MaxProperties = Integer(json, path, "maxProperties"),
            MinProperties = Integer(json, path, "minProperties"),
            Format = String(json, path, "format") ?? "",
            Nullable = Bool(json, path, "nullable") ?? false,
            Default = hasDefault ? JsonTree.Clone(defaultValue) : null,
            HasDefault = hasDefault,
            Description = String(json, path, "description") ?? "",
            Title = String(json, path, "title") ?? "",
            XPreserveUnknownFields = preserve ?? false,
            XPreserveUnknownFieldsValue = preserve,
            XEmbeddedResource = Bool(json, path, "x-kubernetes-embedded-resource") ?? false,
            XIntOrString = Bool(json, path, "x-kubernetes-int-or-string") ?? false,
            XListType = String(json, path, "x-kubernetes-list-type"),
            XListMapKeys = Strings(json, path, "x-kubernetes-list-map-keys"),
            XMapType = String(json, path, "x-kubernetes-map-type"),
            XValidations = Rules(json, path),
            AllOf = Junctor(json, path, "allOf", depth),
            AnyOf = Junctor(json, path, "anyOf", depth),
            OneOf = Junctor(json, path, "oneOf", depth),
            Not = json["not"] switch
            {
                null => null,
                JsonObject not => Parse(not, path + ".not", depth + 1),
                _ => throw Wrong(path, "not", "an object"),
            },
            UnsupportedKeys = unsupported,
            Example = JsonTree.Clone(json["example"]),
            ExternalDocs = JsonTree.Clone(json["externalDocs"] as JsonObject) as JsonObject,
        };
    }

    private static SortedDictionary<string, StructuralSchema> Properties(JsonObject json, string path, int depth)
    {
        var properties = new SortedDictionary<string, StructuralSchema>(StringComparer.Ordinal);
        switch (json["properties"])
        {
            case null:
                break;
            case JsonObject map:
                foreach (var (name, value) in map)
                {
                    properties[name] = value is JsonObject child
                        ? Parse(child, $"{path}.properties[{name}]", depth + 1)
                        : throw Wrong($"{path}.properties", name, "an object");
                }

                break;
            default:
                throw Wrong(path, "properties", "an object");
        }

        return properties;
    }

    private static List<StructuralSchema> Junctor(JsonObject json, string path, string key, int depth) =>
        json[key] switch
        {
            null => [],
            JsonArray list => list.Select((item, i) => item is JsonObject o
                ? Parse(o, $"{path}.{key}[{i.ToString(CultureInfo.InvariantCulture)}]", depth + 1)
                : throw Wrong(path, $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]", "an object")).ToList(),
            _ => throw Wrong(path, key, "an array"),
        };

    private static List<ValidationRule> Rules(JsonObject json, string path)
    {
        const string Key = "x-kubernetes-validations";
        if (json[Key] is null)
        {
            return [];
        }

        if (json[Key] is not JsonArray list)
        {
            throw Wrong(path, Key, "an array");
        }

        var rules = new List<ValidationRule>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}.{Key}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (list[i] is not JsonObject rule)
            {
                throw Wrong(path, Key, "an array of objects");
            }

            rules.Add(new ValidationRule(
                String(rule, at, "rule") ?? "",
                String(rule, at, "message") ?? "",
                String(rule, at, "messageExpression"),
                String(rule, at, "reason"),
                String(rule, at, "fieldPath"),
                Bool(rule, at, "optionalOldSelf") ?? false));
        }

        return rules;
    }

    private static string? String(JsonObject json, string path, string key) =>
        json[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Wrong(path, key, "a string"),
        };

    private static bool? Bool(JsonObject json, string path, string key) =>
        json[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw Wrong(path, key, "a boolean"),
        };

    private static double? Number(JsonObject json, string path, string key) =>
        json[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonKinds.AsDouble(v),
            _ => throw Wrong(path, key, "a number"),
        };

    private static long? Integer(JsonObject json, string path, string key) =>
        json[key] switch
        {
            null => null,
            JsonValue v when JsonKinds.TryGetInt64(v, out var n) => n,
            _ => throw Wrong(path, key, "an integer"),
        };

    private static List<string> Strings(JsonObject json, string path, string key) =>
        json[key] switch
        {
            null => [],
            JsonArray list => list.Select(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String
                ? s.GetValue<string>()
                : throw Wrong(path, key, "an array of strings")).ToList(),
            _ => throw Wrong(path, key, "an array of strings"),
        };

    private static FormatException Wrong(string path, string key, string expected) =>
        new($"{(path.Length == 0 ? key : path.TrimStart('.') + "." + key)} must be {expected}");
}
