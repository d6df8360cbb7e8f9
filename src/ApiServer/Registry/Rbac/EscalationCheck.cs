using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.ApiMachinery.Text;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Authorization.Rbac;
using Orchestrator.ApiServer.Defaulting;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Objects;

namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>
/// Upstream's RBAC escalation checks (pkg/registry/rbac/escalation_check.go and the policybased
/// storages): a role may be written only by a user who holds every rule it grants or may
/// <c>escalate</c> it; a binding only by a user who may <c>bind</c> its role or holds the role's
/// rules. system:masters is exempt. The request comes from the current HTTP request (the strategies
/// have no other way to see the user); writes the server makes itself, outside any request, are exempt.
/// </summary>
internal static class EscalationCheck
{
    private static readonly HttpContextAccessor Accessor = new();

    /// <summary>A Role or ClusterRole (<paramref name="plural"/> roles or clusterroles) being created or changed.</summary>
    public static void Role(string plural, JsonObject role)
    {
        if (Requester() is not { } requester)
        {
            return;
        }

        var (user, services) = requester;
        var ns = ObjectMeta.Namespace(role) ?? "";
        var name = ObjectMeta.Name(role) ?? "";
        if (Allowed(services, user, "escalate", plural, ns, name))
        {
            return;
        }

        var rules = (role["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(PolicyRule.FromJson);
        ConfirmNoEscalation(services, user, ns, rules, plural, name);
    }

    /// <summary>A RoleBinding or ClusterRoleBinding (<paramref name="plural"/>) being created or changed.</summary>
    public static void Binding(string plural, JsonObject binding)
    {
        if (Requester() is not { } requester)
        {
            return;
        }

        var (user, services) = requester;
        var ns = ObjectMeta.Namespace(binding) ?? "";
        var kind = JsonFields.Text(binding["roleRef"]?["kind"]) ?? "";
        var roleName = JsonFields.Text(binding["roleRef"]?["name"]) ?? "";
        var rolePlural = kind == "ClusterRole" ? "clusterroles" : "roles";
        if (Allowed(services, user, "bind", rolePlural, ns, roleName))
        {
            return;
        }

        var rules = services.GetRequiredService<RbacPolicySource>().Current.RoleRules(kind, ns, roleName)
            ?? throw new ApiException(404, "NotFound", $"{rolePlural}.{RbacValidation.Group} {GoText.Quote(roleName)} not found")
            {
                DetailsName = roleName,
                DetailsGroup = RbacValidation.Group,
                DetailsKind = rolePlural,
            };
        ConfirmNoEscalation(services, user, ns, rules, plural, ObjectMeta.Name(binding) ?? "");
    }

    private static (UserInfo User, IServiceProvider Services)? Requester()
    {
        if (Accessor.HttpContext is not { } context)
        {
            return null;
        }

        var user = RequestUser.Get(context);
        return RbacAuthorizer.IsPrivileged(user) ? null : (user, context.RequestServices);
    }

    private static bool Allowed(IServiceProvider services, UserInfo user, string verb, string plural, string ns, string name) =>
        services.GetRequiredService<AuthorizerChain>().Authorize(new AuthorizationAttributes
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
    private static void ConfirmNoEscalation(IServiceProvider services, UserInfo user, string ns, IEnumerable<PolicyRule> rules, string plural, string name)
    {
        var (held, errors) = services.GetRequiredService<RbacPolicySource>().Current.RulesFor(user, ns);
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
