using Orchestrator.ApiServer.CustomResources.Printing;

namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// The rules of one served custom resource version (upstream's apiextensions customResourceStrategy): the
/// structural schema's defaults and validation (CEL transition rules on update), generation counting every
/// change but metadata (and status, when the status subresource is on), status reset on create, the
/// version's printer columns. Unknown fields are pruned before any of this, by the body checks.
/// </summary>
internal sealed class CustomResourceStrategy(StructuralSchema? schema, bool hasStatus, IReadOnlyList<PrinterColumnSpec> columns)
    : ResourceStrategy(new CustomResourcePrinter(columns))
{
    public override void Default(JsonObject obj, bool create)
    {
        if (schema is not null)
        {
            SchemaDefaulting.Apply(obj, schema);
        }
    }

    /// <summary>
    /// Generation counts every change but metadata (and status when it has its own subresource), as upstream;
    /// <see cref="RegistryRules"/> already bumps it for a changed spec, so only changes outside spec are counted here.
    /// </summary>
    public override void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        if (JsonNode.DeepEquals(current["spec"], updated["spec"]) && !SameContent(current, updated))
        {
            var metadata = Storage.StoredObject.Metadata(updated);
            metadata["generation"] = (Storage.StoredObject.Metadata(current)["generation"]?.GetValue<long>() ?? 0) + 1;
        }
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes)
    {
        if (schema is not null)
        {
            SchemaValidation.Validate(obj, schema, causes);
        }
    }

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        if (schema is not null)
        {
            SchemaValidation.ValidateUpdate(current, updated, schema, causes);
        }
    }

    /// <summary>A status write is validated against the schema too (upstream's statusStrategy.ValidateUpdate).</summary>
    public override void ValidateStatusUpdate(string subresource, JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        if (schema is not null)
        {
            SchemaValidation.ValidateUpdate(current, updated, schema, causes);
        }
    }

    private bool SameContent(JsonObject current, JsonObject updated)
    {
        var keys = current.Select(p => p.Key).Union(updated.Select(p => p.Key)).Where(k => k is not ("metadata" or "apiVersion" or "kind") && !(hasStatus && k == "status"));
        return keys.All(k => JsonNode.DeepEquals(current[k], updated[k]));
    }
}
