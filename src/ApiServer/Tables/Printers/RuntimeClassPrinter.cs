using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>runtimeclasses: NAME HANDLER AGE.</summary>
internal sealed class RuntimeClassPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Handler", "string", "The underlying runtime and configuration the CRI implementation uses for this class."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        new(ObjectCells.Name(obj), obj.String("handler"), ObjectCells.Age(obj, now));
}
