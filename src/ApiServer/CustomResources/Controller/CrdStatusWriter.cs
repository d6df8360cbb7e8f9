namespace Orchestrator.ApiServer.CustomResources.Controller;

/// <summary>
/// Writes a <see cref="CrdStatusPlan"/> into a CRD's status as upstream's SetCRDCondition does: a condition whose
/// status is unchanged keeps its lastTransitionTime, others get <c>now</c>; conditions the plan does not name stay.
/// </summary>
internal static class CrdStatusWriter
{
    /// <summary>Changes <paramref name="crd"/> (a copy) and returns whether its status differs from before.</summary>
    public static bool Apply(JsonObject crd, CrdStatusPlan plan, string now)
    {
        var status = crd["status"] as JsonObject ?? [];
        var before = status.DeepClone();
        status["acceptedNames"] = plan.AcceptedNames.ToJson();
        var conditions = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c.DeepClone().AsObject()).ToList();
        foreach (var planned in plan.Conditions)
        {
            var existing = conditions.FirstOrDefault(c => CrdReader.Text(c["type"]) == planned.Type);
            var transition = existing is not null && CrdReader.Text(existing["status"]) == planned.Status
                ? existing["lastTransitionTime"]?.DeepClone() ?? now
                : now;
            var condition = new JsonObject
            {
                ["type"] = planned.Type,
                ["status"] = planned.Status,
                ["lastTransitionTime"] = transition,
                ["reason"] = planned.Reason,
                ["message"] = planned.Message,
            };
            if (existing is null)
            {
                conditions.Add(condition);
            }
            else
            {
                conditions[conditions.IndexOf(existing)] = condition;
            }
        }

        status["conditions"] = new JsonArray([.. conditions]);
        crd["status"] = status;
        return !JsonNode.DeepEquals(before, status);
    }
}
