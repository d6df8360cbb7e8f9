namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>namespaces: NAME STATUS AGE.</summary>
internal sealed class NamespacePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Status", "The status of the namespace", obj => obj.String("status", "phase")),
    CommonColumns.Age);
