namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// Turns one object of a kind into a Table row, the way kube-apiserver's printers do for
/// <c>kubectl get</c>. Implementations are stateless and thread-safe; they never modify the object.
/// </summary>
internal interface ITablePrinter
{
    /// <summary>All columns, wide ones (priority 1) included: the server always prints wide.</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>One cell per column, in column order; strings, or JSON numbers and booleans where upstream prints them.</summary>
    JsonArray Cells(JsonObject obj, DateTimeOffset now);

    /// <summary><c>rows[].conditions</c> (upstream sets them for finished pods), or null for none.</summary>
    JsonArray? Conditions(JsonObject obj) => null;
}
