namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// kube-openapi's SchemaValidator over one value, in its order (type, anyOf/oneOf/allOf/not, string,
/// format, number, array, enum, object), with its paths ("spec.items[0].name") and texts. Recurses once per
/// schema level, so never deeper than <see cref="SchemaLimits.MaxDepth"/>. On update, upstream's
/// ratcheting (CRDValidationRatcheting): the errors of a node whose value equals its correlated old value
/// (same property or map key, same key in a list-type map, same index in a list without list type) are
/// dropped, so objects stored before a schema got stricter can still be updated elsewhere.
/// </summary>
internal static class OpenApiValidator
{
    public static void Validate(JsonNode? data, StructuralSchema schema, string path, List<StatusCause> causes) =>
        Validate(data, schema, path, causes, hasOld: false, old: null);

    public static void ValidateUpdate(JsonNode? data, JsonNode? old, StructuralSchema schema, string path, List<StatusCause> causes) =>
        Validate(data, schema, path, causes, hasOld: true, old);

    private static void Validate(JsonNode? data, StructuralSchema schema, string path, List<StatusCause> causes, bool hasOld, JsonNode? old)
    {
        if (!hasOld)
        {
            Check(data, schema, path, causes, hasOld, old);
            return;
        }

        var found = new List<StatusCause>();
        Check(data, schema, path, found, hasOld, old);
        if (found.Count > 0 && !JsonKinds.DeepEquals(data, old))
        {
            causes.AddRange(found);
        }
    }

    private static void Check(JsonNode? data, StructuralSchema schema, string path, List<StatusCause> causes, bool hasOld, JsonNode? old)
    {
        var kind = JsonKinds.Of(data);
        CheckType(data, kind, schema, path, causes);
        if (kind == JsonKinds.Null)
        {
            CheckEnum(data, schema, path, causes);
            return;
        }

        JunctorValidation.Check(data, schema, path, causes);
        switch (kind)
        {
            case JsonKinds.String:
                CheckString(data!.GetValue<string>(), data, schema, path, causes);
                break;
            case JsonKinds.Integer or JsonKinds.Number:
                CheckNumber(data!, kind, schema, path, causes);
                break;
            case JsonKinds.Array:
                CheckArray(data!.AsArray(), schema, path, causes, hasOld ? old as JsonArray : null);
                break;
            default:
                break;
        }

        CheckEnum(data, schema, path, causes);
        if (data is JsonObject map)
        {
            CheckObject(map, schema, path, causes, hasOld ? old as JsonObject : null);
        }
    }

    /// <summary>The types a value may have: int-or-string is integer or string, as upstream's conversion sets.</summary>
    private static string[] Types(StructuralSchema schema) =>
        schema.XIntOrString ? [JsonKinds.Integer, JsonKinds.String] : schema.Type.Length == 0 ? [] : [schema.Type];

    private static void CheckType(JsonNode? data, string kind, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        var types = Types(schema);
        var format = SchemaFormats.Effective(schema.Type, schema.Format);
        if (types.Length == 0 && format.Length == 0)
        {
            return;
        }

        if (kind == JsonKinds.Null)
        {
            if (types.Length > 0 && !schema.Nullable)
            {
                causes.Add(SchemaErrors.TypeInvalid(path, JsonKinds.Null, string.Join(",", types)));
            }

            return;
        }

        var floatInt = kind == JsonKinds.Number && types.Contains(JsonKinds.Integer) && JsonKinds.IsIntegral(data!);
        var intFloat = kind == JsonKinds.Integer && types.Contains(JsonKinds.Number);
        var dataFormat = kind switch
        {
            JsonKinds.Integer => "int64",
            JsonKinds.Number => "float64",
            _ => "",
        };
        if (kind is not (JsonKinds.String or JsonKinds.Array) && format.Length > 0
            && !(types.Contains(kind) || dataFormat == format || floatInt || intFloat))
        {
            causes.Add(dataFormat.Length == 0
                ? SchemaErrors.TypeInvalid(path, "", format)
                : SchemaErrors.TypeInvalid(path, dataFormat, format));
            return;
        }

        if (!(types.Contains(JsonKinds.Number) || types.Contains(JsonKinds.Integer)) && format.Length > 0 && kind is JsonKinds.String or JsonKinds.Array)
        {
            return;
        }

        if (!(types.Contains(kind) || floatInt || intFloat))
        {
            causes.Add(SchemaErrors.TypeInvalid(path, kind, string.Join(",", types)));
        }
    }

    private static void CheckString(string text, JsonNode data, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        // kube-openapi stops at the first failing string check; lengths count runes.
        var runes = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } max && runes > max)
        {
            causes.Add(SchemaErrors.TooLong(path, max));
        }
        else if (schema.MinLength is { } min && runes < min)
        {
            causes.Add(SchemaErrors.Invalid(path, data, $"should be at least {min.ToString(CultureInfo.InvariantCulture)} chars long"));
        }
        else if (schema.Pattern.Length > 0 && !SchemaPatterns.IsMatch(schema.Pattern, text, out var error))
        {
            causes.Add(SchemaErrors.Invalid(path, data, error is null
                ? $"should match '{schema.Pattern}'"
                : $"should match '{schema.Pattern}, but pattern is invalid: {error}'"));
        }

        var format = SchemaFormats.Effective(schema.Type, schema.Format);
        if (format.Length > 0 && SchemaFormats.IsStringFormat(format) && !SchemaFormats.IsValid(format, text))
        {
            causes.Add(SchemaErrors.TypeInvalid(path, text, format));
        }
    }

    private static void CheckNumber(JsonNode data, string kind, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        var isInt = kind == JsonKinds.Integer;
        JsonKinds.TryGetInt64(data, out var integer);
        var number = JsonKinds.AsDouble(data);
        if (schema.MultipleOf is { } factor)
        {
            if (factor <= 0 && (isInt || factor < 0))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GoValue.Float(factor)}: factor MultipleOf declared for {path} must be positive: {GoValue.Float(factor)}", path));
            }
            else if (isInt ? integer % (long)factor != 0 : !IsWhole(number / factor))
            {
                causes.Add(SchemaErrors.Invalid(path, data, $"should be a multiple of {(isInt ? ((long)factor).ToString(CultureInfo.InvariantCulture) : GoValue.Float(factor))}"));
            }
        }

        if (schema.Minimum is { } minimum)
        {
            var failed = isInt
                ? schema.ExclusiveMinimum ? integer <= (long)minimum : integer < (long)minimum
                : schema.ExclusiveMinimum ? number <= minimum : number < minimum;
            if (failed)
            {
                var bound = isInt ? ((long)minimum).ToString(CultureInfo.InvariantCulture) : GoValue.Float(minimum);
                causes.Add(SchemaErrors.Invalid(path, data, schema.ExclusiveMinimum ? $"should be greater than {bound}" : $"should be greater than or equal to {bound}"));
            }
        }

        if (schema.Maximum is { } maximum)
        {
            var failed = isInt
                ? schema.ExclusiveMaximum ? integer >= (long)maximum : integer > (long)maximum
                : schema.ExclusiveMaximum ? number >= maximum : number > maximum;
            if (failed)
            {
                var bound = isInt ? ((long)maximum).ToString(CultureInfo.InvariantCulture) : GoValue.Float(maximum);
                causes.Add(SchemaErrors.Invalid(path, data, schema.ExclusiveMaximum ? $"should be less than {bound}" : $"should be less than or equal to {bound}"));
            }
        }
    }

    private static bool IsWhole(double value) => double.IsFinite(value) && Math.Abs(value - Math.Round(value)) < 1e-9;

    private static void CheckArray(JsonArray list, StructuralSchema schema, string path, List<StatusCause> causes, JsonArray? old)
    {
        if (schema.Items is { } items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var (hasOld, oldItem) = CorrelateItem(list[i], i, schema, old);
                Validate(list[i], items, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", causes, hasOld, oldItem);
            }
        }

        if (schema.MinItems is { } min && list.Count < min)
        {
            causes.Add(SchemaErrors.InvalidCount(path, list.Count, $"should have at least {min.ToString(CultureInfo.InvariantCulture)} items"));
        }

        if (schema.MaxItems is { } max && list.Count > max)
        {
            causes.Add(SchemaErrors.TooMany(path, list.Count, max));
        }

        if (schema.UniqueItems && HasDuplicates(list))
        {
            causes.Add(SchemaErrors.Invalid(path, null, "shouldn't contain duplicates"));
        }
    }

    /// <summary>ratcheting's correlateOldValueForChildAtNewIndex: by key in a map list, never in sets and atomic lists, else by index.</summary>
    private static (bool HasOld, JsonNode? Old) CorrelateItem(JsonNode? item, int index, StructuralSchema schema, JsonArray? old)
    {
        if (old is null)
        {
            return (false, null);
        }

        switch (schema.XListType)
        {
            case "map":
                var match = item is JsonObject current
                    ? old.FirstOrDefault(o => o is JsonObject candidate && schema.XListMapKeys.All(k => candidate.ContainsKey(k) == current.ContainsKey(k) && JsonKinds.DeepEquals(candidate[k], current[k])))
                    : null;
                return (match is not null, match);
            case "set" or "atomic":
                return (false, null);
            default:
                return index < old.Count ? (true, old[index]) : (false, null);
        }
    }

    private static bool HasDuplicates(JsonArray list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                if (JsonKinds.DeepEquals(list[i], list[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void CheckEnum(JsonNode? data, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        if (schema.Enum is not { Count: > 0 } allowed)
        {
            return;
        }

        // A JSON null never matches (kube-openapi skips nil enum values and cannot convert a nil value).
        if (data is not null && allowed.Any(a => a is not null && JsonKinds.DeepEquals(a, data)))
        {
            return;
        }

        causes.Add(SchemaErrors.NotSupported(path, data, allowed));
    }

    private static void CheckObject(JsonObject map, StructuralSchema schema, string path, List<StatusCause> causes, JsonObject? old)
    {
        if (schema.MinProperties is { } min && map.Count < min)
        {
            causes.Add(SchemaErrors.InvalidCount(path, map.Count, $"should have at least {min.ToString(CultureInfo.InvariantCulture)} properties"));
        }

        if (schema.MaxProperties is { } max && map.Count > max)
        {
            causes.Add(SchemaErrors.TooMany(path, map.Count, max));
        }

        if (schema.AdditionalPropertiesAllowed == false)
        {
            foreach (var key in map.Select(p => p.Key).Where(k => !schema.Properties.ContainsKey(k)))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {ApiMachinery.Text.GoText.Quote(key)}: {path}.{key} in body is a forbidden property", path.Length == 0 ? SchemaErrors.NilPath : path));
            }
        }
        else if (schema.AdditionalProperties is { } additional)
        {
            foreach (var (key, value) in map)
            {
                if (!schema.Properties.ContainsKey(key))
                {
                    Validate(value, additional, Join(path, key), causes, old?.ContainsKey(key) == true, old?[key]);
                }
            }
        }

        foreach (var (name, property) in schema.Properties)
        {
            if (map.TryGetPropertyValue(name, out var value))
            {
                Validate(value, property, Join(path, name), causes, old?.ContainsKey(name) == true, old?[name]);
            }
        }

        foreach (var name in schema.Required)
        {
            if (!map.ContainsKey(name))
            {
                causes.Add(SchemaErrors.Required(Join(path, name)));
            }
        }
    }

    /// <summary>kube-openapi joins with "." and upstream trims the leading one at the root.</summary>
    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
