namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// Whether one set of rules covers another (upstream's pkg/registry/rbac/validation/policy_comparator.go
/// Covers): the servant rules are broken down into single verb × group × resource (× name) or
/// verb × URL rules, and each must be covered by some owner rule. Used by the escalation checks:
/// a user may grant only what it holds.
/// </summary>
internal static class RuleCoverage
{
    /// <summary>The broken-down servant rules no owner rule covers, compacted as upstream's CompactRules (verbs merged per group/resource/name).</summary>
    public static List<PolicyRule> Missing(IReadOnlyList<PolicyRule> owner, IEnumerable<PolicyRule> servant)
    {
        var missing = servant.SelectMany(Breakdown).Where(rule => !owner.Any(o => Covers(o, rule))).ToList();
        return Compact(missing);
    }

    /// <summary>Upstream's CompactString: <c>{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}</c>.</summary>
    public static string CompactString(PolicyRule rule)
    {
        var parts = new List<string>();
        Add(parts, "APIGroups", rule.ApiGroups);
        Add(parts, "Resources", rule.Resources);
        Add(parts, "NonResourceURLs", rule.NonResourceUrls);
        Add(parts, "ResourceNames", rule.ResourceNames);
        Add(parts, "Verbs", rule.Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    private static IEnumerable<PolicyRule> Breakdown(PolicyRule rule)
    {
        foreach (var group in rule.ApiGroups)
        {
            foreach (var resource in rule.Resources)
            {
                foreach (var verb in rule.Verbs)
                {
                    if (rule.ResourceNames.Length == 0)
                    {
                        yield return new PolicyRule([verb], [group], [resource], [], []);
                    }
                    else
                    {
                        foreach (var name in rule.ResourceNames)
                        {
                            yield return new PolicyRule([verb], [group], [resource], [name], []);
                        }
                    }
                }
            }
        }

        foreach (var url in rule.NonResourceUrls)
        {
            foreach (var verb in rule.Verbs)
            {
                yield return new PolicyRule([verb], [], [], [], [url]);
            }
        }
    }

    /// <summary>ruleCovers: every verb, group, resource, name and URL of <paramref name="servant"/> (one of each) is in <paramref name="owner"/>.</summary>
    private static bool Covers(PolicyRule owner, PolicyRule servant) =>
        servant.Verbs.All(v => HasOrAll(owner.Verbs, v))
        && servant.ApiGroups.All(g => HasOrAll(owner.ApiGroups, g))
        && servant.Resources.All(r => ResourceCovers(owner.Resources, r))
        && servant.NonResourceUrls.All(u => owner.NonResourceUrls.Any(o => UrlCovers(o, u)))
        && (owner.ResourceNames.Length == 0 || (servant.ResourceNames.Length > 0 && servant.ResourceNames.All(owner.ResourceNames.Contains)));

    private static bool HasOrAll(string[] values, string value) => values.Contains(PolicyRule.All) || values.Contains(value);

    private static bool ResourceCovers(string[] owner, string resource)
    {
        if (HasOrAll(owner, resource))
        {
            return true;
        }

        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && owner.Contains("*" + resource[slash..]);
    }

    private static bool UrlCovers(string owner, string url) =>
        owner == url || owner == PolicyRule.All || (owner.EndsWith('*') && url.StartsWith(owner.TrimEnd('*'), StringComparison.Ordinal));

    /// <summary>Simple rules (one group, one resource, at most one name) merged by group/resource/name with their verbs joined.</summary>
    private static List<PolicyRule> Compact(List<PolicyRule> rules)
    {
        var merged = new List<PolicyRule>();
        var byKey = new Dictionary<(string, string, string), int>();
        foreach (var rule in rules)
        {
            if (rule.NonResourceUrls.Length > 0)
            {
                merged.Add(rule);
                continue;
            }

            var key = (rule.ApiGroups[0], rule.Resources[0], rule.ResourceNames.FirstOrDefault() ?? "");
            if (byKey.TryGetValue(key, out var index))
            {
                var existing = merged[index];
                merged[index] = existing with { Verbs = [.. existing.Verbs, .. rule.Verbs.Except(existing.Verbs)] };
            }
            else
            {
                byKey[key] = merged.Count;
                merged.Add(rule);
            }
        }

        return merged;
    }

    private static void Add(List<string> parts, string name, string[] values)
    {
        if (values.Length > 0)
        {
            parts.Add($"{name}:[{string.Join(" ", values.Select(GoText.Quote))}]");
        }
    }
}
