namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// The decoder's checks of a custom resource body (upstream's unstructured decode with the CRD's structural schema):
/// metadata decoded as ObjectMeta (wrong types are a 400, unknown metadata fields dropped), then every field the
/// schema does not know pruned (unless x-kubernetes-preserve-unknown-fields or spec.preserveUnknownFields keep it).
/// Returns the pruned paths ("spec.foo") for warnings or the Strict 400.
/// </summary>
internal static class CustomResourceBodyCheck
{
    public static IReadOnlyList<string> Run(CustomResourceInfo custom, JsonObject body, string prefix, CancellationToken cancellationToken)
    {
        var unknown = new List<string>();
        if (body["metadata"] is JsonObject metadata)
        {
            // Checked on its own (the rest of the body is the schema's): detached, checked, put back in place.
            var fields = body.ToList();
            body.Clear();
            var holder = new JsonObject { ["metadata"] = metadata };
            var check = SchemaCheck.Run(holder, typeof(CustomResourceObject), cancellationToken);
            holder.Clear();
            foreach (var (name, value) in fields)
            {
                body[name] = value;
            }

            if (check.WrongTypes.Count > 0)
            {
                throw ApiErrors.BadRequest($"{prefix}: json: {check.WrongTypes[0]}");
            }

            if (check.Malformed.Count > 0)
            {
                throw ApiErrors.BadRequest($"{prefix}: {check.Malformed[0]}");
            }

            unknown.AddRange(check.UnknownFields);
        }

        if (custom.Schema is { } schema && !custom.PreserveUnknownFields)
        {
            unknown.AddRange(SchemaPruning.Prune(body, schema));
        }

        return unknown;
    }
}
