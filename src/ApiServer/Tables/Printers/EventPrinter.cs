namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// events (core and events.k8s.io): LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE
/// FIRST SEEN COUNT NAME. Series events print the series' last observation and count.
/// </summary>
internal sealed class EventPrinter(EventFields fields) : ColumnPrinter(
    Column.String("Last Seen", "The time at which the most recent occurrence of this event was recorded.", (obj, now) => LastSeen(fields, obj, now)),
    Column.String("Type", "Type of this event (Normal, Warning).", obj => obj.String("type")),
    Column.String(
        "Reason",
        "A short, machine understandable string that gives the reason for the transition into the object's current status.",
        obj => obj.String("reason")),
    Column.String("Object", "The object that this event is about, as kind/name.", obj => Regarding(obj[fields.Regarding])),
    Column.String(
        "Subobject",
        "The part of the object the event is about, such as a container (fieldPath).",
        obj => obj[fields.Regarding].String("fieldPath")).Wide(),
    Column.String("Source", "The component reporting this event.", obj => Source(fields, obj)).Wide(),
    Column.String("Message", "A human-readable description of the status of this operation.", obj => obj.String(fields.Message).Trim()),
    Column.String("First Seen", "The time at which the event was first recorded.", (obj, now) => FirstSeen(fields, obj, now)).Wide(),
    Column.String("Count", "The number of times this event has occurred.", obj => Count(fields, obj)).Wide(),
    CommonColumns.Name.Wide())
{
    /// <summary>firstTimestamp, else eventTime.</summary>
    private static string FirstSeen(EventFields fields, JsonObject obj, DateTimeOffset now) =>
        HumanDuration.Since(obj.Time(fields.FirstTimestamp) ?? obj.Time("eventTime"), now);

    /// <summary>The series' last observation; else lastTimestamp; else the first sighting.</summary>
    private static string LastSeen(EventFields fields, JsonObject obj, DateTimeOffset now) =>
        obj["series"] is JsonObject series ? HumanDuration.Since(series.Time("lastObservedTime"), now)
        : obj.Time(fields.LastTimestamp) is { } last ? HumanDuration.Since(last, now)
        : FirstSeen(fields, obj, now);

    /// <summary>The series' count; else the event's, where singleton events of the new API carry none and count 1.</summary>
    private static long Count(EventFields fields, JsonObject obj) =>
        obj["series"] is JsonObject series ? series.Long("count")
        : obj.Long(fields.Count) is var count and not 0 ? count
        : 1;

    /// <summary>"kind/name" with the kind in lower case; the kind alone without a name.</summary>
    private static string Regarding(JsonNode? regarding)
    {
        var kind = regarding.String("kind").ToLowerInvariant();
        return regarding.String("name") is { Length: > 0 } name ? $"{kind}/{name}" : kind;
    }

    /// <summary>"component, host", each falling back to reportingController and reportingInstance.</summary>
    private static string Source(EventFields fields, JsonObject obj)
    {
        var component = FirstNonEmpty(obj.String(fields.Source, "component"), obj.String(fields.ReportingController));
        var instance = FirstNonEmpty(obj.String(fields.Source, "host"), obj.String("reportingInstance"));
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }

    private static string FirstNonEmpty(string first, string second) => first.Length > 0 ? first : second;
}
