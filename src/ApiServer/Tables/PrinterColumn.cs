namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// One column of a printer: its <c>columnDefinitions</c> entry and the function computing its cell
/// from an object and the instant ages are measured from. Cells never modify the object.
/// </summary>
internal sealed record PrinterColumn(TableColumn Definition, Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    /// <summary>The same column shown only with <c>-o wide</c> (priority 1).</summary>
    public PrinterColumn Wide() => this with { Definition = Definition with { Priority = 1 } };
}
