namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// Upstream's default table for kinds without a printer (limitranges, custom resources):
/// NAME and CREATED AT, the latter an RFC 3339 "date" cell kubectl turns into an age.
/// </summary>
internal sealed class DefaultPrinter() : ColumnPrinter(
    CommonColumns.Name,
    new PrinterColumn(
        new("Created At", "date", "The time the object was created (metadata.creationTimestamp), set by the server."),
        (obj, _) => CreatedAt(obj)))
{
    /// <summary>UTC, whole seconds; Go's zero time when unset, as upstream prints an unset timestamp.</summary>
    private static string CreatedAt(JsonObject obj) =>
        (obj.Time("metadata", "creationTimestamp") ?? DateTimeOffset.MinValue).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
