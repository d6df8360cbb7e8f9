namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>serviceaccounts: NAME SECRETS AGE (1.33 still prints the count of the secrets list).</summary>
internal sealed class ServiceAccountPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Secrets", "The number of secrets listed in the service account's secrets field.", obj => (long)obj.Count("secrets")),
    CommonColumns.Age);
