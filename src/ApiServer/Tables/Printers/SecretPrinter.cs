using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>secrets: NAME TYPE DATA AGE.</summary>
internal sealed class SecretPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Type", "string", "Used to facilitate programmatic handling of secret data."),
        new("Data", "string", "The number of keys in data."),
        CommonColumns.Age,
    ];

    /// <summary>The type reads Opaque when unset, as defaulting makes it.</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        new(ObjectCells.Name(obj), obj.StringOrNull("type") ?? "Opaque", (long)obj.Count("data"), ObjectCells.Age(obj, now));
}
