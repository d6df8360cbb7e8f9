using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// events (core and events.k8s.io): LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE
/// FIRST SEEN COUNT NAME. Series events print the series' last observation and count.
/// </summary>
internal sealed class EventPrinter(EventFields fields) : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        new("Type", "string", "Type of this event (Normal, Warning)."),
        new("Reason", "string", "A short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "The object that this event is about, as kind/name."),
        new("Subobject", "string", "The part of the object the event is about, such as a container (fieldPath).", Priority: 1),
        new("Source", "string", "The component reporting this event.", Priority: 1),
        new("Message", "string", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "The time at which the event was first recorded.", Priority: 1),
        new("Count", "string", "The number of times this event has occurred.", Priority: 1),
        CommonColumns.Name with { Priority = 1 },
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var firstSeen = obj.Time(fields.FirstTimestamp) is { } first
            ? HumanDuration.Since(first, now)
            : HumanDuration.Since(obj.Time("eventTime"), now);
        var lastSeen = obj.Time(fields.LastTimestamp) is { } last ? HumanDuration.Since(last, now) : firstSeen;
        var count = obj.Long(fields.Count);
        if (obj["series"] is JsonObject series)
        {
            lastSeen = HumanDuration.Since(series.Time("lastObservedTime"), now);
            count = series.Long("count");
        }
        else if (count == 0)
        {
            // Singleton events of the new API carry no count.
            count = 1;
        }

        var regarding = obj[fields.Regarding];
        var kind = regarding.String("kind").ToLowerInvariant();
        var target = regarding.String("name") is { Length: > 0 } name ? $"{kind}/{name}" : kind;
        return new JsonArray(
            lastSeen,
            obj.String("type"),
            obj.String("reason"),
            target,
            regarding.String("fieldPath"),
            Source(obj),
            obj.String(fields.Message).Trim(),
            firstSeen,
            count,
            ObjectCells.Name(obj));
    }

    /// <summary>"component, host", each falling back to reportingController and reportingInstance.</summary>
    private string Source(JsonObject obj)
    {
        var component = FirstNonEmpty(obj.String(fields.Source, "component"), obj.String(fields.ReportingController));
        var instance = FirstNonEmpty(obj.String(fields.Source, "host"), obj.String("reportingInstance"));
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }

    private static string FirstNonEmpty(string first, string second) => first.Length > 0 ? first : second;
}
