namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's ValidateObjectMetaAccessor (create) and ValidateObjectMetaAccessorUpdate (update),
/// shared by every kind: name and generateName per the kind's name rule, namespace, generation,
/// labels, annotations, owner references, finalizers and managed fields. Pure: returns the causes,
/// which the caller puts ahead of the kind's own in one 422.
/// </summary>
internal static class ObjectMetaValidation
{
    /// <summary>Upstream's TotalAnnotationSizeLimitB: 256 KiB of keys and values together.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>The problems with the metadata of <paramref name="body"/> as created (name already generated).</summary>
    public static List<StatusCause> Check(ResourceDefinition resource, JsonObject body)
    {
        var causes = new List<StatusCause>();
        var metadata = body["metadata"] as JsonObject;
        if (JsonFields.Text(metadata?["generateName"]) is { Length: > 0 } generateName)
        {
            FieldErrors.AddInvalid(causes, "metadata.generateName", generateName, NameValidation.ForResource(resource.Plural, generateName, prefix: true));
        }

        if (JsonFields.Text(metadata?["name"]) is not { Length: > 0 } name)
        {
            causes.Add(FieldErrors.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            FieldErrors.AddInvalid(causes, "metadata.name", name, NameValidation.ForResource(resource.Plural, name, prefix: false));
        }

        Namespace(resource.Namespaced, JsonFields.Text(metadata?["namespace"]), causes);
        if (JsonFields.Integer(metadata?["generation"]) is { } generation && generation < 0)
        {
            causes.Add(FieldErrors.InvalidNumber("metadata.generation", generation, "must be greater than or equal to 0"));
        }

        Labels(metadata?["labels"] as JsonObject, causes);
        Annotations(metadata?["annotations"] as JsonObject, causes);
        OwnerReferenceValidation.Validate(metadata, causes);
        FinalizerValidation.Validate(metadata, causes);
        ManagedFieldsValidation.Validate(metadata, causes);
        return causes;
    }

    /// <summary>
    /// The problems with the metadata of <paramref name="updated"/> replacing <paramref name="current"/>:
    /// no finalizer added while deleting, then every create rule (the server-owned fields are carried
    /// over from the stored object before this runs, so they cannot have changed).
    /// </summary>
    public static List<StatusCause> CheckUpdate(ResourceDefinition resource, JsonObject current, JsonObject updated)
    {
        var causes = new List<StatusCause>();
        FinalizerValidation.NoNewWhileDeleting(current["metadata"] as JsonObject, updated["metadata"] as JsonObject, causes);
        causes.AddRange(Check(resource, updated));
        return causes;
    }

    private static void Namespace(bool namespaced, string? ns, List<StatusCause> causes)
    {
        if (!namespaced)
        {
            if (ns is { Length: > 0 })
            {
                causes.Add(FieldErrors.Forbidden("metadata.namespace", "not allowed on this type"));
            }

            return;
        }

        if (ns is not { Length: > 0 })
        {
            causes.Add(FieldErrors.Required("metadata.namespace"));
            return;
        }

        FieldErrors.AddInvalid(causes, "metadata.namespace", ns, NameValidation.Dns1123Label(ns));
    }

    /// <summary>ValidateLabels: each key a label key, each value a label value, all on <c>metadata.labels</c>.</summary>
    private static void Labels(JsonObject? labels, List<StatusCause> causes)
    {
        foreach (var (key, node) in labels ?? [])
        {
            FieldErrors.AddInvalid(causes, "metadata.labels", key, LabelValidation.KeyErrors(key));
            var value = JsonFields.Text(node) ?? "";
            FieldErrors.AddInvalid(causes, "metadata.labels", value, LabelValidation.ValueErrors(value));
        }
    }

    /// <summary>ValidateAnnotations: keys are qualified names in any case; keys and values total at most 256 KiB.</summary>
    private static void Annotations(JsonObject? annotations, List<StatusCause> causes)
    {
        long size = 0;
        foreach (var (key, node) in annotations ?? [])
        {
            FieldErrors.AddInvalid(causes, "metadata.annotations", key, LabelValidation.KeyErrors(key.ToLowerInvariant()));
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(JsonFields.Text(node) ?? "");
        }

        if (size > TotalAnnotationSizeLimit)
        {
            causes.Add(FieldErrors.TooLong("metadata.annotations", TotalAnnotationSizeLimit));
        }
    }
}
