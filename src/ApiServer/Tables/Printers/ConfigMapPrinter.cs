using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>configmaps: NAME DATA AGE, DATA counting data and binaryData keys.</summary>
internal sealed class ConfigMapPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Data", "string", "The number of keys in data and binaryData."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        new(ObjectCells.Name(obj), (long)(obj.Count("data") + obj.Count("binaryData")), ObjectCells.Age(obj, now));
}
