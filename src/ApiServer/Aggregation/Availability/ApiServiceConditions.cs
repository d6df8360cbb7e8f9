using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Aggregation.Availability;

/// <summary>
/// kube-aggregator's SetAPIServiceCondition on JSON: the Available condition replaced in place (its
/// lastTransitionTime kept unless the status changes) or appended; the other conditions untouched.
/// </summary>
internal static class ApiServiceConditions
{
    /// <summary>
    /// The status with <paramref name="condition"/> set, or null when the stored status already says exactly that
    /// (upstream writes only on a change: the resync is tight).
    /// </summary>
    public static JsonObject? WithAvailable(JsonObject? status, AvailabilityCondition condition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var updated = status?.DeepClone().AsObject() ?? [];
        if (updated["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            updated["conditions"] = conditions;
        }

        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.String("type") == "Available");
        if (existing is not null && existing.String("status") == condition.Status && existing.String("reason") == condition.Reason && existing.String("message") == condition.Message)
        {
            return null;
        }

        if (existing is null)
        {
            existing = new JsonObject { ["type"] = "Available" };
            conditions.Add(existing);
        }

        if (existing.String("status") != condition.Status || existing["lastTransitionTime"] is null)
        {
            existing["lastTransitionTime"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        existing["status"] = condition.Status;
        existing["reason"] = condition.Reason;
        existing["message"] = condition.Message;
        return updated;
    }
}
