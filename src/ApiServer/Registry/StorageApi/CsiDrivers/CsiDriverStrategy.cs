namespace Orchestrator.ApiServer.Registry.StorageApi.CsiDrivers;

/// <summary>
/// storage.k8s.io/v1 CSIDrivers (upstream pkg/registry/storage/csidriver/strategy.go, v1 defaults): attach
/// required, no pod info on mount, no storage capacity, ReadWriteOnceWithFSType, Persistent volumes only,
/// no republish, no SELinux mount; attachRequired, fsGroupPolicy and volumeLifecycleModes are immutable.
/// </summary>
internal sealed class CsiDriverStrategy() : ResourceStrategy(new CsiDriverPrinter())
{
    private static readonly string[] ImmutableFields = ["attachRequired", "fsGroupPolicy", "volumeLifecycleModes"];

    public override void Default(JsonObject obj, bool create)
    {
        var spec = JsonFields.Child(obj, "spec");
        JsonFields.Default(spec, "attachRequired", true);
        JsonFields.Default(spec, "podInfoOnMount", false);
        JsonFields.Default(spec, "storageCapacity", false);
        JsonFields.Default(spec, "fsGroupPolicy", "ReadWriteOnceWithFSType");
        JsonFields.Default(spec, "volumeLifecycleModes", new JsonArray("Persistent"));
        JsonFields.Default(spec, "requiresRepublish", false);
        JsonFields.Default(spec, "seLinuxMount", false);
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes) => CsiDriverValidation.Validate(obj, causes);

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        foreach (var field in ImmutableFields)
        {
            UpdateValidation.Immutable(causes, "spec." + field, current["spec"]?[field], updated["spec"]?[field]);
        }
    }
}
