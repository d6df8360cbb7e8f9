namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>
/// Upstream's RBAC escalation checks (pkg/registry/rbac/escalation_check.go and the policybased
/// storages): a role may be written only by a user who may <c>escalate</c> it or holds every rule it
/// grants; a binding only by a user who may <c>bind</c> its role or holds the role's rules. Pure
/// apart from the authorizer asked; throws the 403 (or the 404 of a missing role) upstream answers.
/// </summary>
internal static class EscalationRules
{
    public static void Role(UserInfo user, IAuthorizer authorizer, RbacPolicy policy, string plural, JsonObject role)
    {
        var ns = ObjectMeta.Namespace(role) ?? "";
        var name = ObjectMeta.Name(role) ?? "";
        if (Allowed(authorizer, user, "escalate", plural, ns, name))
        {
            return;
        }

        var rules = (role["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(PolicyRule.FromJson);
        ConfirmNoEscalation(policy, user, ns, rules, plural, name);
    }

    public static void Binding(UserInfo user, IAuthorizer authorizer, RbacPolicy policy, string plural, JsonObject binding)
    {
        var ns = ObjectMeta.Namespace(binding) ?? "";
        var kind = JsonFields.Text(binding["roleRef"]?["kind"]) ?? "";
        var roleName = JsonFields.Text(binding["roleRef"]?["name"]) ?? "";
        var rolePlural = kind == "ClusterRole" ? "clusterroles" : "roles";
        if (Allowed(authorizer, user, "bind", rolePlural, ns, roleName))
        {
            return;
        }

        var rules = policy.RoleRules(kind, ns, roleName)
            ?? throw new ApiException(404, "NotFound", $"{rolePlural}.{RbacValidation.Group} {GoText.Quote(roleName)} not found")
            {
                DetailsName = roleName,
                DetailsGroup = RbacValidation.Group,
                DetailsKind = rolePlural,
            };
        ConfirmNoEscalation(policy, user, ns, rules, plural, ObjectMeta.Name(binding) ?? "");
    }

    private static bool Allowed(IAuthorizer authorizer, UserInfo user, string verb, string plural, string ns, string name) =>
        authorizer.Authorize(new AuthorizationAttributes
        {
            User = user,
            Verb = verb,
            IsResourceRequest = true,
            Namespace = ns,
            ApiGroup = RbacValidation.Group,
            ApiVersion = "v1",
            Resource = plural,
            Name = name,
        }).Decision == AuthorizationDecision.Allow;

    /// <summary>ConfirmNoEscalation: 403 listing the rules the user does not hold in <paramref name="ns"/>.</summary>
    private static void ConfirmNoEscalation(RbacPolicy policy, UserInfo user, string ns, IEnumerable<PolicyRule> rules, string plural, string name)
    {
        var (held, errors) = policy.RulesFor(user, ns);
        var missing = RuleCoverage.Missing(held, rules);
        if (missing.Count == 0)
        {
            return;
        }

        var descriptions = missing.Select(RuleCoverage.CompactString).Distinct().Order(StringComparer.Ordinal);
        var message = $"user {GoText.Quote(user.Name)} (groups=[{string.Join(" ", user.Groups.Select(GoText.Quote))}]) is attempting to grant RBAC permissions not currently held:\n{string.Join("\n", descriptions)}";
        if (errors.Count > 0)
        {
            message += $"; resolution errors: [{string.Join(" ", errors)}]";
        }

        throw new ApiException(403, "Forbidden", $"{plural}.{RbacValidation.Group} {GoText.Quote(name)} is forbidden: {message}")
        {
            DetailsName = name,
            DetailsGroup = RbacValidation.Group,
            DetailsKind = plural,
        };
    }
}
