namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>
/// Roles and ClusterRoles (upstream's pkg/registry/rbac/role and clusterrole): the escalation check on
/// every write but the garbage collector's (<see cref="GcFieldsOnly"/>), rule validation (a Role may not name non-resource URLs), a
/// ClusterRole's aggregationRule. Upstream's default table (NAME, CREATED AT).
/// </summary>
internal sealed class RoleStrategy(bool clusterScoped) : ResourceStrategy
{
    private string Plural => clusterScoped ? "clusterroles" : "roles";

    public override bool AllowCreateOnUpdate => true;

    public override void PrepareForCreate(JsonObject obj) => EscalationCheck.Role(Plural, obj);

    public override void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        // As upstream, every update is re-checked (a label change too) unless it only touches the GC's fields.
        if (!GcFieldsOnly.Changes(current, updated))
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
