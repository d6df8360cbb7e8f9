namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Upstream's objectmeta.Validate for <c>x-kubernetes-embedded-resource</c> values below the root:
/// apiVersion and kind required and well formed, metadata validated as ObjectMeta (name as a path
/// segment). The resource root's own metadata is the caller's (the generic ObjectMeta validation).
/// </summary>
internal static class EmbeddedResourceValidation
{
    public static void Validate(JsonObject obj, StructuralSchema schema, List<StatusCause> causes) =>
        Walk(obj, schema, "", isRoot: true, causes);

    /// <summary>
    /// Validates a value at <paramref name="path"/> (a schema default, for instance); with
    /// <paramref name="checkRoot"/> the value itself is checked when its schema is an embedded resource.
    /// </summary>
    public static void Validate(JsonNode? value, StructuralSchema schema, string path, bool checkRoot, List<StatusCause> causes) =>
        Walk(value, schema, path, isRoot: !checkRoot, causes);

    private static void Walk(JsonNode? node, StructuralSchema? schema, string path, bool isRoot, List<StatusCause> causes)
    {
        if (schema is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject map:
                if (schema.XEmbeddedResource && !isRoot)
                {
                    Resource(map, path, causes);
                }

                foreach (var (key, value) in map)
                {
                    if (schema.Properties.TryGetValue(key, out var property))
                    {
                        Walk(value, property, path.Length == 0 ? key : path + "." + key, isRoot: false, causes);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        Walk(value, additional, path + "[" + key + "]", isRoot: false, causes);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(list[i], schema.Items, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", isRoot: false, causes);
                }

                break;
            default:
                break;
        }
    }

    private static void Resource(JsonObject map, string path, List<StatusCause> causes)
    {
        var prefix = path.Length == 0 ? "" : path + ".";
        if (!map.ContainsKey("apiVersion"))
        {
            causes.Add(FieldErrors.Required(prefix + "apiVersion"));
        }

        if (!map.ContainsKey("kind"))
        {
            causes.Add(FieldErrors.Required(prefix + "kind"));
        }

        foreach (var (key, value) in map)
        {
            switch (key)
            {
                case "apiVersion":
                    ApiVersion(value, prefix + key, causes);
                    break;
                case "kind":
                    Kind(value, prefix + key, causes);
                    break;
                case "metadata":
                    Metadata(value, prefix + key, causes);
                    break;
                default:
                    break;
            }
        }
    }

    private static void ApiVersion(JsonNode? value, string field, List<StatusCause> causes)
    {
        if (!JsonKinds.IsString(value, out var apiVersion))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GoValue.Format(value)}: must be a string", field));
        }
        else if (apiVersion.Length == 0)
        {
            causes.Add(FieldErrors.Required(field));
        }
        else if (apiVersion != "/" && apiVersion.Count(c => c == '/') > 1)
        {
            causes.Add(FieldErrors.InvalidText(field, apiVersion, $"unexpected GroupVersion string: {apiVersion}"));
        }
    }

    private static void Kind(JsonNode? value, string field, List<StatusCause> causes)
    {
        if (!JsonKinds.IsString(value, out var kind))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GoValue.Format(value)}: must be a string", field));
        }
        else if (kind.Length == 0)
        {
            causes.Add(FieldErrors.Required(field));
        }
        else if (NameValidation.Dns1035Label(kind.ToLowerInvariant()) is { Count: > 0 } problems)
        {
            causes.Add(FieldErrors.InvalidText(field, kind, "may have mixed case, but should otherwise match: " + string.Join(",", problems)));
        }
    }

    /// <summary>ValidateObjectMeta with ValidatePathSegmentName, namespaced when a namespace is set; an empty name is allowed.</summary>
    private static void Metadata(JsonNode? value, string field, List<StatusCause> causes)
    {
        if (value is not JsonObject metadata)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GoValue.Format(value)}: expected object, got {JsonKinds.Of(value)}", field));
            return;
        }

        if (Text(metadata, "generateName") is { Length: > 0 } generateName)
        {
            FieldErrors.AddInvalid(causes, field + ".generateName", generateName, NameValidation.PathSegment(generateName, prefix: true));
        }

        if (Text(metadata, "name") is { Length: > 0 } name)
        {
            FieldErrors.AddInvalid(causes, field + ".name", name, NameValidation.PathSegment(name, prefix: false));
        }

        if (Text(metadata, "namespace") is { Length: > 0 } ns)
        {
            FieldErrors.AddInvalid(causes, field + ".namespace", ns, NameValidation.Dns1123Label(ns));
        }

        foreach (var (key, label) in metadata["labels"] as JsonObject ?? [])
        {
            FieldErrors.AddInvalid(causes, field + ".labels", key, LabelValidation.KeyErrors(key));
            var text = JsonKinds.IsString(label, out var s) ? s : "";
            FieldErrors.AddInvalid(causes, field + ".labels", text, LabelValidation.ValueErrors(text));
        }

        long size = 0;
        foreach (var (key, annotation) in metadata["annotations"] as JsonObject ?? [])
        {
            FieldErrors.AddInvalid(causes, field + ".annotations", key, LabelValidation.KeyErrors(key.ToLowerInvariant()));
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(JsonKinds.IsString(annotation, out var s) ? s : "");
        }

        if (size > ObjectMetaValidation.TotalAnnotationSizeLimit)
        {
            causes.Add(FieldErrors.TooLong(field + ".annotations", ObjectMetaValidation.TotalAnnotationSizeLimit));
        }
    }

    private static string? Text(JsonObject metadata, string key) => JsonKinds.IsString(metadata[key], out var s) ? s : null;
}
