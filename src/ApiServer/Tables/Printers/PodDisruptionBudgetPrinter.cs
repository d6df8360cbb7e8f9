using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>poddisruptionbudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE.</summary>
internal sealed class PodDisruptionBudgetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Min Available", "string", "The minimum number of pods that must be available."),
        new("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now) => new(
        ObjectCells.Name(obj),
        obj.IntOrString("spec", "minAvailable") ?? "N/A",
        obj.IntOrString("spec", "maxUnavailable") ?? "N/A",
        obj.Long("status", "disruptionsAllowed"),
        ObjectCells.Age(obj, now));
}
