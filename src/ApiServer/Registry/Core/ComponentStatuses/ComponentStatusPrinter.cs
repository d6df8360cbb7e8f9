using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Core.ComponentStatuses;

/// <summary>upstream's printComponentStatus: NAME, STATUS (Healthy, Unhealthy or Unknown from the Healthy condition), MESSAGE, ERROR.</summary>
internal sealed class ComponentStatusPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Status", "Status of the component conditions", obj => Status(Healthy(obj))),
    Column.String("Message", "Message of the component conditions", obj => Healthy(obj).String("message")),
    Column.String("Error", "Error of the component conditions", obj => Healthy(obj).String("error")))
{
    private static JsonObject? Healthy(JsonObject obj) => obj.Objects("conditions").FirstOrDefault(c => c.String("type") == "Healthy");

    private static string Status(JsonObject? healthy) => healthy is null ? "Unknown" : healthy.String("status") == "True" ? "Healthy" : "Unhealthy";
}
