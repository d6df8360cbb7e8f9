using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.CsiDrivers;

/// <summary>csidrivers: NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE (upstream's printCSIDriver).</summary>
internal sealed class CsiDriverPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.Boolean("AttachRequired", "Indicates this CSI volume driver requires an attach operation", obj => obj.BoolOrNull("spec", "attachRequired") ?? true),
    Column.Boolean("PodInfoOnMount", "Indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations", obj => obj.Bool("spec", "podInfoOnMount")),
    Column.Boolean("StorageCapacity", "Indicates that the CSI volume driver wants pod scheduling to consider the storage capacity", obj => obj.Bool("spec", "storageCapacity")),
    Column.String("TokenRequests", "Indicates the CSI driver needs pods' service account tokens it is mounting volume for to do necessary authentication.", obj => TokenRequests(obj)),
    Column.Boolean("RequiresRepublish", "RequiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.", obj => obj.Bool("spec", "requiresRepublish")),
    Column.String("Modes", "Defines the kinds of volumes this CSI volume driver supports", obj => Modes(obj)),
    CommonColumns.Age)
{
    /// <summary>The audiences joined by commas, "&lt;unset&gt;" without tokenRequests.</summary>
    private static string TokenRequests(JsonObject driver) =>
        driver.At("spec", "tokenRequests") is JsonArray
            ? string.Join(",", driver.Objects("spec", "tokenRequests").Select(t => t.String("audience")))
            : "<unset>";

    private static string Modes(JsonObject driver) =>
        driver.Strings("spec", "volumeLifecycleModes") is { Count: > 0 } modes ? string.Join(",", modes) : "<none>";
}
