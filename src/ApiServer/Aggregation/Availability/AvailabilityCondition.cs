namespace Orchestrator.ApiServer.Aggregation.Availability;

/// <summary>The Available condition an APIService should carry: status True/False/Unknown, upstream's reason and message.</summary>
internal sealed record AvailabilityCondition(string Status, string Reason, string Message)
{
    public static readonly AvailabilityCondition Local = new("True", "Local", "Local APIServices are always available");

    public static readonly AvailabilityCondition Passed = new("True", "Passed", "all checks passed");
}
