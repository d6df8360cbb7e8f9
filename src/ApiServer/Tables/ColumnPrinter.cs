namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// A printer declared as its columns, in order, each with its cell function: upstream's
/// column definitions and print handler in one list. Subclasses only declare the columns
/// (and <see cref="Conditions"/> where the kind has row conditions).
/// </summary>
internal abstract class ColumnPrinter(params IReadOnlyList<PrinterColumn> columns) : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns.Select(c => c.Definition).ToArray();

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var cells = new JsonNode?[columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = columns[i].Cell(obj, now);
        }

        return new JsonArray(cells);
    }

    public virtual JsonArray? Conditions(JsonObject obj) => null;
}
