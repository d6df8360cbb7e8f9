namespace Orchestrator.ControllerManager.Controllers.ClusterRoleAggregation;

/// <summary>
/// Upstream's clusterrole-aggregation controller: keeps each ClusterRole with an aggregationRule
/// holding the union of the rules of the ClusterRoles its selectors match (admin, edit and view of
/// the bootstrap policy are filled this way). Any ClusterRole change enqueues every aggregated role;
/// keys are ClusterRole names. Decisions are <see cref="ClusterRoleAggregationPlanner"/>'s.
/// </summary>
internal sealed class ClusterRoleAggregationController : ReconcilingController
{
    public const string ControllerName = "clusterrole-aggregation";

    private readonly IInformer<V1ClusterRole> _clusterRoles;

    public ClusterRoleAggregationController(ControllerContext context)
        : base(context, ControllerName, workers: 1)
    {
        _clusterRoles = Runner.Watch(context.Informers.For(ClusterRoleListWatch.ClusterRoles), new ResourceEventHandler<V1ClusterRole>(
            _ => EnqueueAggregated(),
            (_, _) => EnqueueAggregated(),
            _ => EnqueueAggregated()));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_clusterRoles.Cache.Get(key) is not { } role)
        {
            return ReconcileResult.Done;
        }

        var plan = ClusterRoleAggregationPlanner.Plan(role, _clusterRoles.Cache.List());
        if (plan.NewRules is { } rules)
        {
            // Never change the cached object: write a copy; a conflict is retried by the runner on the newer one.
            var updated = ObjectCopy.Deep(role);
            updated.Rules = [.. rules];
            await Context.Client.RbacAuthorizationV1.ReplaceClusterRoleAsync(updated, updated.Metadata.Name, cancellationToken: ct);
        }

        return ReconcileResult.Done;
    }

    private void EnqueueAggregated()
    {
        foreach (var role in _clusterRoles.Cache.List().Where(r => r.AggregationRule is not null))
        {
            Runner.Enqueue(new NamespacedName("", role.Metadata.Name));
        }
    }
}
