namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// resourcequotas: NAME REQUEST LIMIT AGE. Each resource of status.hard, sorted by name, prints
/// "name: used/hard"; resources named limits.* go to LIMIT, the rest to REQUEST.
/// </summary>
internal sealed class ResourceQuotaPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Request", "Request represents a minimum amount of cpu/memory that a container may consume.", obj => Usage(obj, limits: false)),
    Column.String(
        "Limit",
        "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.",
        obj => Usage(obj, limits: true)),
    CommonColumns.Age)
{
    /// <summary>"name: used/hard" for each resource of status.hard that is (or is not) a limits.* resource, sorted by name.</summary>
    private static string Usage(JsonObject quota, bool limits)
    {
        var hard = quota.At("status", "hard") as JsonObject ?? [];
        return string.Join(", ", hard.Select(h => h.Key)
            .Where(name => name.StartsWith("limits.", StringComparison.Ordinal) == limits)
            .Order(StringComparer.Ordinal)
            .Select(name => $"{name}: {Storage.Quantity(quota.IntOrString("status", "used", name))}/{Storage.Quantity(quota.IntOrString("status", "hard", name))}"));
    }
}
