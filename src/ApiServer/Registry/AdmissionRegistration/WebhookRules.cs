using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.AdmissionRegistration;

/// <summary>
/// Upstream's validateRuleWithOperations: operations, API groups, versions and resources are required,
/// a wildcard stands alone, operations and scopes are known ones.
/// </summary>
internal static class WebhookRules
{
    private static readonly string[] Operations = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"];
    private static readonly string[] Scopes = ["*", "Cluster", "Namespaced"];

    public static void Validate(JsonObject rule, string path, List<StatusCause> causes)
    {
        var operations = rule.Strings("operations");
        if (operations.Count == 0)
        {
            causes.Add(FieldErrors.Required(path + ".operations"));
        }

        WildcardAlone(operations, path + ".operations", "operations", causes);
        for (var i = 0; i < operations.Count; i++)
        {
            if (!Operations.Contains(operations[i]))
            {
                causes.Add(FieldErrors.NotSupported($"{path}.operations[{i}]", operations[i], Operations));
            }
        }

        var groups = rule.Strings("apiGroups");
        if (groups.Count == 0)
        {
            causes.Add(FieldErrors.Required(path + ".apiGroups"));
        }

        WildcardAlone(groups, path + ".apiGroups", "API groups", causes);
        var versions = rule.Strings("apiVersions");
        if (versions.Count == 0)
        {
            causes.Add(FieldErrors.Required(path + ".apiVersions"));
        }

        WildcardAlone(versions, path + ".apiVersions", "API versions", causes);
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.apiVersions[{i}]"));
            }
        }

        Resources(rule.Strings("resources"), path + ".resources", causes);
        if (rule.StringOrNull("scope") is { } scope && !Scopes.Contains(scope))
        {
            causes.Add(FieldErrors.NotSupported(path + ".scope", scope, Scopes));
        }
    }

    /// <summary>A string list in Go's %#v form: <c>[]string{"a", "b"}</c>.</summary>
    public static string GoStrings(IReadOnlyList<string> values) =>
        $"[]string{{{string.Join(", ", values.Select(ApiMachinery.Text.GoText.Quote))}}}";

    private static void WildcardAlone(IReadOnlyList<string> values, string path, string what, List<StatusCause> causes)
    {
        if (values.Count > 1 && values.Contains("*"))
        {
            causes.Add(FieldErrors.Invalid(path, GoStrings(values), $"if '*' is present, must not specify other {what}"));
        }
    }

    private static void Resources(IReadOnlyList<string> resources, string path, List<StatusCause> causes)
    {
        if (resources.Count == 0)
        {
            causes.Add(FieldErrors.Required(path));
        }

        var wildcardSubresources = new HashSet<string>(StringComparer.Ordinal);
        var wildcardResources = new HashSet<string>(StringComparer.Ordinal);
        var resourceWithoutSubresource = false;
        for (var i = 0; i < resources.Count; i++)
        {
            var entry = resources[i];
            if (entry.Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}[{i}]"));
                continue;
            }

            var parts = entry.Split('/', 2);
            if (parts.Length == 1)
            {
                resourceWithoutSubresource = entry != "*";
                continue;
            }

            var (resource, subresource) = (parts[0], parts[1]);
            if (wildcardSubresources.Contains(resource))
            {
                causes.Add(FieldErrors.InvalidText($"{path}[{i}]", entry, $"if '{resource}/*' is present, must not specify {entry}"));
            }

            if (wildcardResources.Contains(subresource))
            {
                causes.Add(FieldErrors.InvalidText($"{path}[{i}]", entry, $"if '*/{subresource}' is present, must not specify {entry}"));
            }

            if (subresource == "*")
            {
                wildcardSubresources.Add(resource);
            }

            if (resource == "*")
            {
                wildcardResources.Add(subresource);
            }
        }

        if (resources.Count > 1 && resources.Contains("*/*"))
        {
            causes.Add(FieldErrors.Invalid(path, GoStrings(resources), "if '*/*' is present, must not specify other resources"));
        }

        if (resources.Contains("*") && resourceWithoutSubresource)
        {
            causes.Add(FieldErrors.Invalid(path, GoStrings(resources), "if '*' is present, must not specify other resources without subresources"));
        }
    }
}
