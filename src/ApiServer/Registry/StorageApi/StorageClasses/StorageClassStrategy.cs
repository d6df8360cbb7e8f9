namespace Orchestrator.ApiServer.Registry.StorageApi.StorageClasses;

/// <summary>
/// storage.k8s.io/v1 StorageClasses (upstream pkg/registry/storage/storageclass/strategy.go, v1 defaults):
/// cluster scoped; reclaimPolicy defaults to Delete and volumeBindingMode to Immediate; parameters,
/// provisioner and reclaimPolicy may not be updated, volumeBindingMode is immutable.
/// </summary>
internal sealed class StorageClassStrategy() : ResourceStrategy(new StorageClassPrinter())
{
    public override void Default(JsonObject obj, bool create)
    {
        JsonFields.Default(obj, "reclaimPolicy", "Delete");
        JsonFields.Default(obj, "volumeBindingMode", "Immediate");
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes) => StorageClassValidation.Validate(obj, causes);

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        foreach (var field in new[] { "parameters", "provisioner", "reclaimPolicy" })
        {
            if (!JsonNode.DeepEquals(current[field], updated[field]))
            {
                causes.Add(FieldErrors.Forbidden(field, $"updates to {field} are forbidden."));
            }
        }

        UpdateValidation.Immutable(causes, "volumeBindingMode", current["volumeBindingMode"], updated["volumeBindingMode"]);
    }
}
