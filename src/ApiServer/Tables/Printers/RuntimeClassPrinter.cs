namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>runtimeclasses: NAME HANDLER AGE.</summary>
internal sealed class RuntimeClassPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Handler", "The underlying runtime and configuration the CRI implementation uses for this class.", obj => obj.String("handler")),
    CommonColumns.Age);
