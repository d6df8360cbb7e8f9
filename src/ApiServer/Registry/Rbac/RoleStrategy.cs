using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>
/// Roles and ClusterRoles (upstream's pkg/registry/rbac/role and clusterrole): the escalation check on
/// every write that changes the rules, rule validation (a Role may not name non-resource URLs), a
/// ClusterRole's aggregationRule. Upstream's default table (NAME, CREATED AT).
/// </summary>
internal sealed class RoleStrategy(bool clusterScoped) : ResourceStrategy
{
    private string Plural => clusterScoped ? "clusterroles" : "roles";

    public override bool AllowCreateOnUpdate => true;

    public override void PrepareForCreate(JsonObject obj) => EscalationCheck.Role(Plural, obj);

    public override void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        // Upstream re-checks on every update; a write that grants nothing new (the same rules) is let through here.
        if (!JsonNode.DeepEquals(current["rules"], updated["rules"]))
        {
            EscalationCheck.Role(Plural, updated);
        }
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes)
    {
        RbacValidation.Rules(obj, namespaced: !clusterScoped, causes);
        if (clusterScoped)
        {
            RbacValidation.AggregationRule(obj, causes);
        }
    }
}
