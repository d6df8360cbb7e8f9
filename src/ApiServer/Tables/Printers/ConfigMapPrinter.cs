namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>configmaps: NAME DATA AGE, DATA counting data and binaryData keys.</summary>
internal sealed class ConfigMapPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Data", "The number of keys in data and binaryData.", obj => (long)(obj.Count("data") + obj.Count("binaryData"))),
    CommonColumns.Age);
