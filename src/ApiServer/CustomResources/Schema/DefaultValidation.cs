namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Upstream's structural defaulting.ValidateDefaults with pruned defaults required (v1): every default
/// (following items and properties, not additionalProperties where defaults are forbidden) must not
/// carry fields pruning would drop, must be a valid embedded resource where the schema says so, and
/// must validate against its own schema node, reported under <c>….default</c> with kube-openapi's texts
/// (the value's own path is empty, so a scalar's message starts " in body …").
/// </summary>
internal static class DefaultValidation
{
    public static List<StatusCause> Validate(StructuralSchema schema, string path)
    {
        var causes = new List<StatusCause>();
        Walk(schema with { XEmbeddedResource = true }, path, insideMeta: false, causes);
        return causes;
    }

    private static void Walk(StructuralSchema s, string path, bool insideMeta, List<StatusCause> causes)
    {
        if (s.XEmbeddedResource)
        {
            insideMeta = false;
        }

        if (s.Default is { } value)
        {
            var at = path + ".default";
            var pruned = new List<string>();
            if (!insideMeta && value is JsonObject or JsonArray)
            {
                var copy = JsonTree.Clone(value);
                pruned.AddRange(copy is JsonObject map ? SchemaPruning.Prune(map, s, s.XEmbeddedResource) : PruneList((JsonArray)copy!, s));
            }

            if (pruned.Count > 0)
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GoValue.Format(value)}: must not have unknown fields", at));
            }
            else
            {
                var found = new List<StatusCause>();
                if (!insideMeta)
                {
                    EmbeddedResourceValidation.Validate(value, s, "", checkRoot: s.XEmbeddedResource, found);
                }

                if (found.Count == 0)
                {
                    OpenApiValidator.Validate(value, s, "", found);
                }

                causes.AddRange(found.Select(c => c with { Field = Under(at, c.Field) }));
            }
        }

        if (s.Items is { } items)
        {
            Walk(items, path + ".items", insideMeta, causes);
        }

        foreach (var (name, property) in s.Properties)
        {
            var meta = insideMeta || (s.XEmbeddedResource && name is "metadata" or "apiVersion" or "kind");
            Walk(property, $"{path}.properties[{name}]", meta, causes);
        }
    }

    private static IReadOnlyList<string> PruneList(JsonArray list, StructuralSchema schema)
    {
        var wrapper = new JsonObject { ["list"] = list };
        var holder = new StructuralSchema
        {
            Type = JsonKinds.Object,
            Properties = new SortedDictionary<string, StructuralSchema>(StringComparer.Ordinal) { ["list"] = schema },
        };
        return SchemaPruning.Prune(wrapper, holder, isResourceRoot: false);
    }

    /// <summary>A cause of the default's own validation placed under the default's path.</summary>
    private static string Under(string at, string? field) =>
        field is null or SchemaErrors.NilPath or "" ? at : field.StartsWith('[') ? at + field : at + "." + field;
}
