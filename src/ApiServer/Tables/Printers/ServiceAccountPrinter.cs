using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>serviceaccounts: NAME SECRETS AGE (1.33 still prints the count of the secrets list).</summary>
internal sealed class ServiceAccountPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Secrets", "string", "The number of secrets listed in the service account's secrets field."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        new(ObjectCells.Name(obj), (long)obj.Count("secrets"), ObjectCells.Age(obj, now));
}
