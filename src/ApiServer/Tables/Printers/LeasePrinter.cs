using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>leases: NAME HOLDER AGE.</summary>
internal sealed class LeasePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Holder", "string", "The identity of the current holder of the lease."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        new(ObjectCells.Name(obj), obj.String("spec", "holderIdentity"), ObjectCells.Age(obj, now));
}
