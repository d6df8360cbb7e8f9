namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>
/// RoleBindings and ClusterRoleBindings (upstream's pkg/registry/rbac/rolebinding and
/// clusterrolebinding): the escalation check (bind, or hold the role's rules), the defaulted
/// apiGroups of roleRef and subjects, validation, an immutable roleRef, the NAME ROLE AGE table.
/// </summary>
internal sealed class RoleBindingStrategy(bool clusterScoped) : ResourceStrategy(new RoleBindingPrinter())
{
    private static readonly string[] RoleKinds = ["Role", "ClusterRole"];
    private static readonly string[] ClusterRoleKind = ["ClusterRole"];

    private string Plural => clusterScoped ? "clusterrolebindings" : "rolebindings";

    public override bool AllowCreateOnUpdate => true;

    public override void PrepareForCreate(JsonObject obj)
    {
        Default(obj, create: true);
        EscalationCheck.Binding(Plural, obj);
    }

    public override void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        Default(updated, create: false);

        // As upstream, every update is re-checked (a label change too) unless it only touches the GC's fields.
        if (!GcFieldsOnly.Changes(current, updated))
        {
            EscalationCheck.Binding(Plural, updated);
        }
    }

    /// <summary>SetDefaults_RoleBinding/ClusterRoleBinding and SetDefaults_Subject: the rbac group where none is given (service accounts keep none).</summary>
    public override void Default(JsonObject obj, bool create)
    {
        if (obj["roleRef"] is JsonObject roleRef && (JsonFields.Text(roleRef["apiGroup"]) ?? "").Length == 0)
        {
            roleRef["apiGroup"] = RbacValidation.Group;
        }

        foreach (var (_, subject) in JsonFields.Items(obj, "subjects"))
        {
            if ((JsonFields.Text(subject["apiGroup"]) ?? "").Length == 0 && JsonFields.Text(subject["kind"]) is "User" or "Group")
            {
                subject["apiGroup"] = RbacValidation.Group;
            }
        }
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes)
    {
        RbacValidation.RoleRef(obj, clusterScoped ? ClusterRoleKind : RoleKinds, causes);
        RbacValidation.Subjects(obj, namespaced: !clusterScoped, causes);
    }

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        RbacValidation.RoleRefUnchanged(current, updated, causes);
}
