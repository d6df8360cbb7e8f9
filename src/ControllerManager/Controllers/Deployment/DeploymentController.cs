namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// Rolls deployments out through ReplicaSets (upstream's <c>DeploymentController</c>): one ReplicaSet
/// per pod template, named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, scaled by the RollingUpdate
/// or Recreate strategy within maxSurge/maxUnavailable; revisions and rollbacks by annotation;
/// proportional scaling mid-rollout; pause; history cleanup; status with the Available and
/// Progressing conditions that <c>kubectl rollout status</c> reads.
/// </summary>
internal sealed partial class DeploymentController : ReconcilingController
{
    private const string ApiVersion = "apps/v1";
    private const string Kind = "Deployment";

    private readonly IInformer<V1Deployment> _deployments;
    private readonly IInformer<V1ReplicaSet> _replicaSets;
    private readonly IInformer<V1Pod> _pods;

    public DeploymentController(ControllerContext context)
        : base(context, "deployment")
    {
        _deployments = Runner.Watch(context.Informers.Deployments());
        _replicaSets = Runner.Watch(context.Informers.ReplicaSets(), new ResourceEventHandler<V1ReplicaSet>(OnReplicaSetChanged, OnReplicaSetUpdated, OnReplicaSetChanged));
        _pods = Runner.Watch(context.Informers.Pods(), new ResourceEventHandler<V1Pod>(onDelete: OnPodDeleted));
    }

    private void OnReplicaSetUpdated(V1ReplicaSet old, V1ReplicaSet current)
    {
        var oldOwner = OwnerReferences.ControllerOf(old.Metadata);
        if (oldOwner is not null && oldOwner.Uid != OwnerReferences.ControllerOf(current.Metadata)?.Uid)
        {
            OnReplicaSetChanged(old);
        }

        OnReplicaSetChanged(current);
    }

    private void OnReplicaSetChanged(V1ReplicaSet rs)
    {
        if (OwnerReferences.ControllerOf(rs.Metadata) is { } owner)
        {
            if (Resolve(rs.Metadata.NamespaceProperty, owner) is { } d)
            {
                Runner.Enqueue(d);
            }

            return;
        }

        // An orphan may be adopted by any deployment whose selector matches it.
        foreach (var d in _deployments.Cache.ListNamespace(rs.Metadata.NamespaceProperty ?? ""))
        {
            if (LabelSelector.Matches(d.Spec.Selector, rs.Metadata.Labels))
            {
                Runner.Enqueue(d);
            }
        }
    }

    /// <summary>A Recreate rollout waits for the old pods to be gone.</summary>
    private void OnPodDeleted(V1Pod pod)
    {
        if (OwnerReferences.ControllerOf(pod.Metadata) is not { Kind: "ReplicaSet" } rsRef)
        {
            return;
        }

        var rs = _replicaSets.Cache.Get(new NamespacedName(pod.Metadata.NamespaceProperty ?? "", rsRef.Name));
        if (rs?.Metadata.Uid == rsRef.Uid && OwnerReferences.ControllerOf(rs.Metadata) is { } owner
            && Resolve(rs.Metadata.NamespaceProperty, owner) is { Spec.Strategy.Type: "Recreate" } d)
        {
            Runner.Enqueue(d);
        }
    }

    private V1Deployment? Resolve(string? ns, V1OwnerReference owner)
    {
        if (owner.Kind != Kind || !owner.ApiVersion.StartsWith("apps/", StringComparison.Ordinal))
        {
            return null;
        }

        var d = _deployments.Cache.Get(new NamespacedName(ns ?? "", owner.Name));
        return d?.Metadata.Uid == owner.Uid ? d : null;
    }
}
