namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// One rule of a Role or ClusterRole (rbac/v1 PolicyRule) and upstream's matching of a request
/// against it (plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows and rbacv1helpers): "*" matches
/// every verb, group and resource; "*/sub" every resource's subresource sub; no resourceNames
/// means every name; a non-resource URL ending in "*" matches every path it prefixes.
/// </summary>
internal sealed record PolicyRule(string[] Verbs, string[] ApiGroups, string[] Resources, string[] ResourceNames, string[] NonResourceUrls)
{
    public const string All = "*";

    public bool Allows(AuthorizationAttributes attributes) =>
        attributes.IsResourceRequest
            // The resource first: it tells most rules apart soonest (the outcome does not depend on the order).
            ? ResourceMatches(attributes.Resource, attributes.Subresource) && HasOrAll(Verbs, attributes.Verb)
              && HasOrAll(ApiGroups, attributes.ApiGroup) && NameMatches(attributes.Name)
            : HasOrAll(Verbs, attributes.Verb) && UrlMatches(attributes.Path);

    /// <summary>A rule as stored: absent lists are empty.</summary>
    public static PolicyRule FromJson(JsonObject rule) =>
        new(Strings(rule["verbs"]), Strings(rule["apiGroups"]), Strings(rule["resources"]), Strings(rule["resourceNames"]), Strings(rule["nonResourceURLs"]));

    /// <summary>The rule as an rbac/v1 PolicyRule (empty lists left out, as Go's omitempty does).</summary>
    public JsonObject ToJson()
    {
        var rule = new JsonObject { ["verbs"] = Array(Verbs) };
        Add(rule, "apiGroups", ApiGroups);
        Add(rule, "resources", Resources);
        Add(rule, "resourceNames", ResourceNames);
        Add(rule, "nonResourceURLs", NonResourceUrls);
        return rule;
    }

    /// <summary>The rule builder of the bootstrap policy: verbs on resources of groups.</summary>
    public static PolicyRule Resource(string[] verbs, string[] groups, params string[] resources) => new(verbs, groups, resources, [], []);

    public static PolicyRule Urls(string[] verbs, params string[] urls) => new(verbs, [], [], [], urls);

    public PolicyRule Named(params string[] names) => this with { ResourceNames = names };

    internal static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>() ?? "")] : [];

    private static bool HasOrAll(string[] values, string value)
    {
        foreach (var v in values)
        {
            if (v == All || v == value)
            {
                return true;
            }
        }

        return false;
    }

    private bool ResourceMatches(string resource, string subresource)
    {
        foreach (var rule in Resources)
        {
            if (rule == All)
            {
                return true;
            }

            if (subresource.Length == 0)
            {
                if (rule == resource)
                {
                    return true;
                }

                continue;
            }

            // "res/sub" exactly, or "*/sub" for every resource's sub.
            if (rule.Length == resource.Length + 1 + subresource.Length && rule.StartsWith(resource, StringComparison.Ordinal)
                && rule[resource.Length] == '/' && rule.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }

            if (rule.Length == subresource.Length + 2 && rule.StartsWith("*/", StringComparison.Ordinal) && rule.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool NameMatches(string name) => ResourceNames.Length == 0 || System.Array.IndexOf(ResourceNames, name) >= 0;

    private bool UrlMatches(string path)
    {
        foreach (var url in NonResourceUrls)
        {
            if (url == All || url == path || (url.EndsWith('*') && path.AsSpan().StartsWith(url.AsSpan().TrimEnd('*'), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonArray Array(string[] values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static void Add(JsonObject rule, string name, string[] values)
    {
        if (values.Length > 0)
        {
            rule[name] = Array(values);
        }
    }
}
