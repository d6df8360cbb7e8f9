namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// Builds printer columns by their declared type. The type is what <c>columnDefinitions</c>
/// announces, as upstream's printer declares it; the cell may still be a number in a "string" column.
/// </summary>
internal static class Column
{
    public static PrinterColumn String(string name, string description, Func<JsonObject, JsonNode?> cell) =>
        Of(name, "string", description, cell);

    /// <summary>A string column whose cell depends on the time (ages, durations).</summary>
    public static PrinterColumn String(string name, string description, Func<JsonObject, DateTimeOffset, JsonNode?> cell) =>
        new(new TableColumn(name, "string", description), cell);

    public static PrinterColumn Integer(string name, string description, Func<JsonObject, JsonNode?> cell) =>
        Of(name, "integer", description, cell);

    public static PrinterColumn Boolean(string name, string description, Func<JsonObject, JsonNode?> cell) =>
        Of(name, "boolean", description, cell);

    private static PrinterColumn Of(string name, string type, string description, Func<JsonObject, JsonNode?> cell) =>
        new(new TableColumn(name, type, description), (obj, _) => cell(obj));
}
