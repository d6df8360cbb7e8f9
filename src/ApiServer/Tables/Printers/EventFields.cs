namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// Where an event's printed fields live. core/v1 and events.k8s.io/v1 store the same event
/// under different names; upstream converts both to one internal type before printing.
/// </summary>
internal sealed record EventFields(
    string Regarding,
    string Message,
    string FirstTimestamp,
    string LastTimestamp,
    string Count,
    string Source,
    string ReportingController)
{
    public static readonly EventFields Core = new(
        "involvedObject", "message", "firstTimestamp", "lastTimestamp", "count", "source", "reportingComponent");

    public static readonly EventFields EventsV1 = new(
        "regarding", "note", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount", "deprecatedSource", "reportingController");
}
