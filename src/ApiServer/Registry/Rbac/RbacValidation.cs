namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>Upstream's pkg/apis/rbac/validation: rules, aggregation rules, role references and subjects.</summary>
internal static class RbacValidation
{
    public const string Group = "rbac.authorization.k8s.io";

    /// <summary>ValidatePolicyRule for each of <c>rules</c>; namespaced roles may not name non-resource URLs.</summary>
    public static void Rules(JsonObject role, bool namespaced, List<StatusCause> causes)
    {
        foreach (var (index, rule) in JsonFields.Items(role, "rules"))
        {
            var path = $"rules[{index}]";
            if (Strings(rule, "verbs").Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.verbs", "verbs must contain at least one value"));
            }

            var urls = Strings(rule, "nonResourceURLs");
            if (urls.Length > 0)
            {
                if (namespaced)
                {
                    causes.Add(FieldErrors.Invalid($"{path}.nonResourceURLs", GoSlice(urls), "namespaced rules cannot apply to non-resource URLs"));
                }

                if (Strings(rule, "apiGroups").Length > 0 || Strings(rule, "resources").Length > 0 || Strings(rule, "resourceNames").Length > 0)
                {
                    causes.Add(FieldErrors.Invalid($"{path}.nonResourceURLs", GoSlice(urls), "rules cannot apply to both regular resources and non-resource URLs"));
                }

                continue;
            }

            if (Strings(rule, "apiGroups").Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.apiGroups", "resource rules must supply at least one api group"));
            }

            if (Strings(rule, "resources").Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.resources", "resource rules must supply at least one resource"));
            }
        }
    }

    /// <summary>A ClusterRole's aggregationRule, when set, needs at least one selector.</summary>
    public static void AggregationRule(JsonObject role, List<StatusCause> causes)
    {
        if (role["aggregationRule"] is JsonObject rule && (rule["clusterRoleSelectors"] as JsonArray ?? []).Count == 0)
        {
            causes.Add(FieldErrors.Required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil"));
        }
    }

    /// <summary>roleRef: the rbac group, one of <paramref name="kinds"/>, a name that is a valid path segment.</summary>
    public static void RoleRef(JsonObject binding, string[] kinds, List<StatusCause> causes)
    {
        var roleRef = binding["roleRef"] as JsonObject;
        var group = JsonFields.Text(roleRef?["apiGroup"]) ?? "";
        if (group != Group)
        {
            causes.Add(FieldErrors.NotSupported("roleRef.apiGroup", group, Group));
        }

        var kind = JsonFields.Text(roleRef?["kind"]) ?? "";
        if (!kinds.Contains(kind))
        {
            causes.Add(FieldErrors.NotSupported("roleRef.kind", kind, kinds));
        }

        var name = JsonFields.Text(roleRef?["name"]) ?? "";
        if (name.Length == 0)
        {
            causes.Add(FieldErrors.Required("roleRef.name"));
        }
        else
        {
            FieldErrors.AddInvalid(causes, "roleRef.name", name, NameValidation.PathSegment(name, prefix: false));
        }
    }

    /// <summary>ValidateRoleBindingSubject for each subject; a ClusterRoleBinding's service accounts need a namespace.</summary>
    public static void Subjects(JsonObject binding, bool namespaced, List<StatusCause> causes)
    {
        foreach (var (index, subject) in JsonFields.Items(binding, "subjects"))
        {
            var path = $"subjects[{index}]";
            var name = JsonFields.Text(subject["name"]) ?? "";
            var group = JsonFields.Text(subject["apiGroup"]) ?? "";
            if (name.Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.name"));
            }

            switch (JsonFields.Text(subject["kind"]) ?? "")
            {
                case "ServiceAccount":
                    if (name.Length > 0)
                    {
                        FieldErrors.AddInvalid(causes, $"{path}.name", name, NameValidation.Dns1123Subdomain(name));
                    }

                    if (group.Length > 0)
                    {
                        causes.Add(FieldErrors.NotSupported($"{path}.apiGroup", group, ""));
                    }

                    if (!namespaced && (JsonFields.Text(subject["namespace"]) ?? "").Length == 0)
                    {
                        causes.Add(FieldErrors.Required($"{path}.namespace"));
                    }

                    break;
                case "User" or "Group":
                    if (group != Group)
                    {
                        causes.Add(FieldErrors.NotSupported($"{path}.apiGroup", group, Group));
                    }

                    break;
                case var kind:
                    causes.Add(FieldErrors.NotSupported($"{path}.kind", kind, "ServiceAccount", "User", "Group"));
                    break;
            }
        }
    }

    /// <summary>ValidateRoleBindingUpdate: the roleRef never changes.</summary>
    public static void RoleRefUnchanged(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        if (!JsonNode.DeepEquals(current["roleRef"], updated["roleRef"]))
        {
            var roleRef = updated["roleRef"];
            var value = $"rbac.RoleRef{{APIGroup:{GoText.Quote(roleRef.String("apiGroup"))}, Kind:{GoText.Quote(roleRef.String("kind"))}, Name:{GoText.Quote(roleRef.String("name"))}}}";
            causes.Add(FieldErrors.Invalid("roleRef", value, "cannot change roleRef"));
        }
    }

    /// <summary>A []string in Go's %#v form, as field.Invalid prints it.</summary>
    private static string GoSlice(string[] values) => "[]string{" + string.Join(", ", values.Select(GoText.Quote)) + "}";

    private static string[] Strings(JsonObject obj, string field) => ApiServer.Authorization.Rbac.PolicyRule.Strings(obj[field]);

    private static string String(this JsonNode? node, string field) => JsonFields.Text(node?[field]) ?? "";
}
