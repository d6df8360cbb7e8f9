namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// Upstream's reconciliation of one bootstrap object with what is stored (pkg/registry/rbac/reconciliation,
/// without removing extra permissions or subjects): labels and annotations the stored object lacks are
/// added (its own values win), missing rules, aggregation selectors and subjects are appended. Pure:
/// returns the updated copy, or null when nothing is missing or the object opted out with
/// <c>rbac.authorization.kubernetes.io/autoupdate: "false"</c>.
/// </summary>
internal static class PolicyReconciliation
{
    public static JsonObject? Role(JsonObject current, JsonObject expected)
    {
        if (OptedOut(current))
        {
            return null;
        }

        var updated = current.DeepClone().AsObject();
        MergeMetadata(updated, expected);
        var held = Rules(current);
        var missing = RuleCoverage.Missing(held, Rules(expected));
        if (missing.Count > 0)
        {
            if (updated["rules"] is not JsonArray list)
            {
                updated["rules"] = list = [];
            }

            foreach (var rule in missing)
            {
                list.Add(rule.ToJson());
            }
        }

        if (expected["aggregationRule"]?["clusterRoleSelectors"] is JsonArray selectors)
        {
            var aggregation = updated["aggregationRule"] as JsonObject ?? new JsonObject();
            updated["aggregationRule"] = aggregation;
            AppendMissing(aggregation, "clusterRoleSelectors", selectors);
        }

        return JsonNode.DeepEquals(current, updated) ? null : updated;
    }

    /// <summary>A binding's reconciled copy; its roleRef is the expected one (the caller re-creates a binding whose roleRef changed).</summary>
    public static JsonObject? Binding(JsonObject current, JsonObject expected)
    {
        if (OptedOut(current))
        {
            return null;
        }

        var updated = current.DeepClone().AsObject();
        MergeMetadata(updated, expected);
        updated["roleRef"] = expected["roleRef"]?.DeepClone();
        if (expected["subjects"] is JsonArray subjects)
        {
            AppendMissing(updated, "subjects", subjects);
        }

        return JsonNode.DeepEquals(current, updated) ? null : updated;
    }

    private static bool OptedOut(JsonObject obj) =>
        JsonFields.Text(obj["metadata"]?["annotations"]?[PolicyObjects.AutoUpdate]) == "false";

    private static List<PolicyRule> Rules(JsonObject role) =>
        [.. (role["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(PolicyRule.FromJson)];

    private static void MergeMetadata(JsonObject updated, JsonObject expected)
    {
        var metadata = JsonFields.Child(updated, "metadata");
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (expected["metadata"]?[field] is not JsonObject wanted)
            {
                continue;
            }

            var have = JsonFields.Child(metadata, field);
            foreach (var (key, value) in wanted)
            {
                if (!have.ContainsKey(key))
                {
                    have[key] = value?.DeepClone();
                }
            }
        }
    }

    private static void AppendMissing(JsonObject target, string field, JsonArray wanted)
    {
        if (target[field] is not JsonArray have)
        {
            target[field] = have = [];
        }

        foreach (var item in wanted)
        {
            if (!have.Any(h => JsonNode.DeepEquals(h, item)))
            {
                have.Add(item?.DeepClone());
            }
        }
    }
}
