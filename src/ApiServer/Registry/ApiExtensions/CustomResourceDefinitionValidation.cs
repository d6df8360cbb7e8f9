using Orchestrator.ApiServer.CustomResources;

namespace Orchestrator.ApiServer.Registry.ApiExtensions;

/// <summary>
/// Upstream's ValidateCustomResourceDefinition (apiextensions validation.go) for v1 objects: the name is
/// plural.group, the group a domain with a dot, the scope known, the versions unique DNS-1035 labels with
/// exactly one storage version and a schema each (checked by <see cref="CrdSchemaValidation"/>), the names
/// well-formed, scale paths under .spec/.status, printer columns of a known type.
/// </summary>
internal static class CustomResourceDefinitionValidation
{
    private static readonly string[] Scopes = ["Cluster", "Namespaced"];
    private static readonly string[] ColumnTypes = ["integer", "number", "string", "boolean", "date"];
    private static readonly string[] ColumnFormats = ["int32", "int64", "float", "double", "byte", "date", "date-time", "password"];

    public static void Validate(JsonObject crd, List<StatusCause> causes)
    {
        var spec = crd["spec"] as JsonObject ?? [];
        var group = CrdReader.Group(crd);
        var names = CrdReader.SpecNames(crd);
        var name = CrdReader.Name(crd);
        if (name.Length > 0 && name != $"{names.Plural}.{group}")
        {
            causes.Add(FieldErrors.InvalidText("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }

        Group(group, causes);
        var scope = CrdReader.Text(spec["scope"]) ?? "";
        if (scope.Length == 0)
        {
            causes.Add(FieldErrors.Required("spec.scope"));
        }
        else if (!Scopes.Contains(scope))
        {
            causes.Add(FieldErrors.NotSupported("spec.scope", scope, Scopes));
        }

        Versions(spec, causes);
        if (CrdReader.Text(spec["conversion"]?["strategy"]) is { } conversion && conversion != "None")
        {
            // Fail loudly: this server converts by apiVersion only and calls no conversion webhook.
            causes.Add(FieldErrors.NotSupported("spec.conversion.strategy", conversion, "None"));
        }

        foreach (var (field, value) in new[] { ("plural", names.Plural), ("singular", names.Singular), ("kind", names.Kind), ("listKind", names.ListKind) })
        {
            if (value.Length == 0)
            {
                causes.Add(FieldErrors.Required($"spec.names.{field}"));
            }
        }

        Names(spec["names"] as JsonObject, "spec.names", causes);
        Names(crd["status"]?["acceptedNames"] as JsonObject, "status.acceptedNames", causes);
    }

    /// <summary>Upstream's ValidateCustomResourceDefinitionStoredVersions: every stored version is still listed.</summary>
    public static void StoredVersions(JsonObject crd, List<StatusCause> causes)
    {
        var versions = CrdReader.Versions(crd).Select(v => CrdReader.Text(v["name"])).ToHashSet();
        var stored = CrdReader.Strings(crd["status"]?["storedVersions"]);
        for (var i = 0; i < stored.Count; i++)
        {
            if (!versions.Contains(stored[i]))
            {
                causes.Add(FieldErrors.InvalidText($"status.storedVersions[{i}]", stored[i], "must appear in spec.versions"));
            }
        }
    }

    /// <summary>Upstream's ValidateCustomResourceDefinitionNames for spec.names or status.acceptedNames.</summary>
    public static void Names(JsonObject? json, string path, List<StatusCause> causes)
    {
        var names = CrdNames.From(json);
        Label(names.Plural, $"{path}.plural", causes);
        Label(names.Singular, $"{path}.singular", causes);
        MixedCase(names.Kind, $"{path}.kind", causes);
        MixedCase(names.ListKind, $"{path}.listKind", causes);
        for (var i = 0; i < names.ShortNames.Count; i++)
        {
            Label(names.ShortNames[i], $"{path}.shortNames[{i}]", causes, always: true);
        }

        if (names.Kind.Length > 0 && names.Kind == names.ListKind)
        {
            causes.Add(FieldErrors.InvalidText($"{path}.listKind", names.ListKind, "kind and listKind may not be the same"));
        }

        for (var i = 0; i < names.Categories.Count; i++)
        {
            Label(names.Categories[i], $"{path}.categories[{i}]", causes, always: true);
        }
    }

    private static void Group(string group, List<StatusCause> causes)
    {
        if (group.Length == 0)
        {
            causes.Add(FieldErrors.Required("spec.group"));
        }
        else if (NameValidation.Dns1123Subdomain(group) is { Count: > 0 } problems)
        {
            causes.Add(FieldErrors.InvalidText("spec.group", group, string.Join(",", problems)));
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            causes.Add(FieldErrors.InvalidText("spec.group", group, "should be a domain with at least one dot"));
        }
    }

    private static void Versions(JsonObject spec, List<StatusCause> causes)
    {
        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = true;
        var storage = 0;
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            var path = $"spec.versions[{i}]";
            var name = CrdReader.Text(version["name"]) ?? "";
            unique &= seen.Add(name);
            storage += CrdReader.Bool(version["storage"]) ? 1 : 0;
            if (NameValidation.Dns1035Label(name) is { Count: > 0 } problems)
            {
                causes.Add(FieldErrors.InvalidText($"{path}.name", name, string.Join(",", problems)));
            }

            if (version["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                CrdSchemaValidation.Validate(schema, $"{path}.schema.openAPIV3Schema", causes);
            }
            else if (!CrdReader.Bool(spec["preserveUnknownFields"]))
            {
                causes.Add(FieldErrors.Required($"{path}.schema.openAPIV3Schema", "schemas are required"));
            }

            Scale(version["subresources"]?["scale"] as JsonObject, $"{path}.subresources.scale", causes);
            Columns(version["additionalPrinterColumns"] as JsonArray, $"{path}.additionalPrinterColumns", causes);
        }

        if (!unique)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: \"\": must contain unique version names", "spec.versions"));
        }

        if (storage != 1)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: \"\": must have exactly one version marked as storage version", "spec.versions"));
        }
    }

    private static void Scale(JsonObject? scale, string path, List<StatusCause> causes)
    {
        if (scale is null)
        {
            return;
        }

        JsonPathUnder(CrdReader.Text(scale["specReplicasPath"]), ".spec", $"{path}.specReplicasPath", causes);
        JsonPathUnder(CrdReader.Text(scale["statusReplicasPath"]), ".status", $"{path}.statusReplicasPath", causes);
        if (CrdReader.Text(scale["labelSelectorPath"]) is { Length: > 0 } selector)
        {
            if (!selector.StartsWith(".spec.", StringComparison.Ordinal) && !selector.StartsWith(".status.", StringComparison.Ordinal))
            {
                causes.Add(FieldErrors.InvalidText($"{path}.labelSelectorPath", selector, "should be a json path under either .spec or .status"));
            }
        }
    }

    private static void JsonPathUnder(string? value, string under, string path, List<StatusCause> causes)
    {
        if (string.IsNullOrEmpty(value))
        {
            causes.Add(FieldErrors.Required(path));
        }
        else if (!value.StartsWith(under + ".", StringComparison.Ordinal))
        {
            causes.Add(FieldErrors.InvalidText(path, value, $"should be a json path under {under}"));
        }
    }

    private static void Columns(JsonArray? columns, string path, List<StatusCause> causes)
    {
        var list = (columns ?? []).OfType<JsonObject>().ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var column = list[i];
            var at = $"{path}[{i}]";
            if (CrdReader.Text(column["name"]) is not { Length: > 0 })
            {
                causes.Add(FieldErrors.Required($"{at}.name"));
            }

            var type = CrdReader.Text(column["type"]) ?? "";
            if (!ColumnTypes.Contains(type))
            {
                causes.Add(FieldErrors.NotSupported($"{at}.type", type, ColumnTypes));
            }

            if (CrdReader.Text(column["format"]) is { Length: > 0 } format && !ColumnFormats.Contains(format))
            {
                causes.Add(FieldErrors.NotSupported($"{at}.format", format, ColumnFormats));
            }

            var jsonPath = CrdReader.Text(column["jsonPath"]) ?? "";
            if (jsonPath.Length == 0)
            {
                causes.Add(FieldErrors.Required($"{at}.jsonPath"));
                continue;
            }

            try
            {
                CustomResources.Printing.JsonPathExpression.Parse(jsonPath);
            }
            catch (FormatException e)
            {
                causes.Add(FieldErrors.InvalidText($"{at}.jsonPath", jsonPath, $"must be a simple json path: {e.Message}"));
            }
        }
    }

    private static void Label(string value, string path, List<StatusCause> causes, bool always = false)
    {
        if ((always || value.Length > 0) && NameValidation.Dns1035Label(value) is { Count: > 0 } problems)
        {
            causes.Add(FieldErrors.InvalidText(path, value, string.Join(",", problems)));
        }
    }

    private static void MixedCase(string value, string path, List<StatusCause> causes)
    {
        if (value.Length > 0 && NameValidation.Dns1035Label(value.ToLowerInvariant()) is { Count: > 0 } problems)
        {
            causes.Add(FieldErrors.Invalid(path, GoText.Quote(value), "may have mixed case, but should otherwise match: " + string.Join(",", problems)));
        }
    }
}
