using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.CsiNodes;

/// <summary>
/// storage.k8s.io/v1 CSINodes (upstream pkg/registry/storage/csinode/strategy.go and ValidateCSINode): one
/// entry per driver, each with a CSI driver name, a node ID of at most 192 characters, distinct topology keys
/// and a non-negative allocatable count; a driver's node ID may not change.
/// </summary>
internal sealed class CsiNodeStrategy() : ResourceStrategy(new CsiNodePrinter())
{
    private const int MaxNodeIdLength = 192;

    public override void Validate(JsonObject obj, List<StatusCause> causes)
    {
        var drivers = obj.Objects("spec", "drivers");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < drivers.Count; i++)
        {
            var path = $"spec.drivers[{i}]";
            var name = drivers[i].String("name");
            CsiDriverNames.Validate(name, path + ".name", causes);
            if (!names.Add(name))
            {
                causes.Add(FieldErrors.Duplicate(path + ".name", name));
            }

            var nodeId = drivers[i].String("nodeID");
            if (nodeId.Length == 0)
            {
                causes.Add(FieldErrors.Required(path + ".nodeID", "nodeID must be provided"));
            }
            else if (nodeId.Length > MaxNodeIdLength)
            {
                causes.Add(FieldErrors.InvalidText(path + ".nodeID", nodeId, $"must be {MaxNodeIdLength} characters or less"));
            }

            var keys = drivers[i].Strings("topologyKeys");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < keys.Count; k++)
            {
                if (!seen.Add(keys[k]))
                {
                    causes.Add(FieldErrors.Duplicate($"{path}.topologyKeys", keys[k]));
                }
            }

            if (drivers[i].LongOrNull("allocatable", "count") is { } count && count < 0)
            {
                causes.Add(FieldErrors.InvalidNumber(path + ".allocatable.count", count, "must be greater than or equal to 0"));
            }
        }
    }

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        var before = current.Objects("spec", "drivers").ToDictionary(d => d.String("name"), d => d, StringComparer.Ordinal);
        var drivers = updated.Objects("spec", "drivers");
        for (var i = 0; i < drivers.Count; i++)
        {
            if (before.TryGetValue(drivers[i].String("name"), out var old))
            {
                UpdateValidation.Immutable(causes, $"spec.drivers[{i}].nodeID", old["nodeID"], drivers[i]["nodeID"]);
            }
        }
    }
}
