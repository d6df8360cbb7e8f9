namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>secrets: NAME TYPE DATA AGE. The type reads Opaque when unset, as defaulting makes it.</summary>
internal sealed class SecretPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Type", "Used to facilitate programmatic handling of secret data.", obj => obj.StringOrNull("type") ?? "Opaque"),
    Column.String("Data", "The number of keys in data.", obj => (long)obj.Count("data")),
    CommonColumns.Age);
