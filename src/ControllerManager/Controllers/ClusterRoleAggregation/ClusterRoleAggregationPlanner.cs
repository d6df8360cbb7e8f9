namespace Orchestrator.ControllerManager.Controllers.ClusterRoleAggregation;

/// <summary>
/// The pure decision of upstream's clusterrole-aggregation controller: an aggregated ClusterRole's
/// rules are the union of the rules of every other ClusterRole one of its clusterRoleSelectors
/// matches, taken in name order, each rule once (first occurrence kept); the role is rewritten only
/// when that differs from its rules.
/// </summary>
internal static class ClusterRoleAggregationPlanner
{
    public static ClusterRoleAggregationPlan Plan(V1ClusterRole role, IEnumerable<V1ClusterRole> clusterRoles)
    {
        if (role.AggregationRule?.ClusterRoleSelectors is not { } selectors)
        {
            return ClusterRoleAggregationPlan.Nothing;
        }

        var sources = clusterRoles
            .Where(r => r.Metadata.Name != role.Metadata.Name && selectors.Any(s => LabelSelector.Matches(s, r.Metadata.Labels ?? new Dictionary<string, string>())))
            .OrderBy(r => r.Metadata.Name, StringComparer.Ordinal);
        var rules = new List<V1PolicyRule>();
        foreach (var rule in sources.SelectMany(r => r.Rules ?? []))
        {
            if (!rules.Any(existing => SameRule(existing, rule)))
            {
                rules.Add(rule);
            }
        }

        var current = role.Rules ?? [];
        return current.Count == rules.Count && current.Zip(rules).All(pair => SameRule(pair.First, pair.Second))
            ? ClusterRoleAggregationPlan.Nothing
            : new ClusterRoleAggregationPlan(rules);
    }

    /// <summary>Field-by-field equality of two rules (absent and empty lists alike).</summary>
    public static bool SameRule(V1PolicyRule a, V1PolicyRule b) =>
        Same(a.Verbs, b.Verbs) && Same(a.ApiGroups, b.ApiGroups) && Same(a.Resources, b.Resources)
        && Same(a.ResourceNames, b.ResourceNames) && Same(a.NonResourceURLs, b.NonResourceURLs);

    private static bool Same(IList<string>? a, IList<string>? b) => (a ?? []).SequenceEqual(b ?? [], StringComparer.Ordinal);
}
