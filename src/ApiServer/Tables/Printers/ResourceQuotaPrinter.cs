using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// resourcequotas: NAME REQUEST LIMIT AGE. Each resource of status.hard, sorted by name, prints
/// "name: used/hard"; resources named limits.* go to LIMIT, the rest to REQUEST.
/// </summary>
internal sealed class ResourceQuotaPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
        new("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var hard = obj.At("status", "hard") as JsonObject ?? [];
        var entries = hard.Select(h => h.Key).Order(StringComparer.Ordinal)
            .Select(name => (name, Text: $"{name}: {Storage.Quantity(obj.IntOrString("status", "used", name))}/{Storage.Quantity(obj.IntOrString("status", "hard", name))}"))
            .ToList();
        var limits = entries.Where(e => e.name.StartsWith("limits.", StringComparison.Ordinal)).Select(e => e.Text);
        var requests = entries.Where(e => !e.name.StartsWith("limits.", StringComparison.Ordinal)).Select(e => e.Text);
        return new JsonArray(ObjectCells.Name(obj), string.Join(", ", requests), string.Join(", ", limits), ObjectCells.Age(obj, now));
    }
}
