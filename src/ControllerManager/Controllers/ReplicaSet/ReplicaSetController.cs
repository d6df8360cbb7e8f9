namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>
/// Keeps <c>spec.replicas</c> pods running for every ReplicaSet (upstream's <c>ReplicaSetController</c>):
/// claims pods by selector and controller reference, creates pods from the template in slow-start
/// batches, deletes the best candidates on scale-down, and reports status. Pod events feed the
/// creation/deletion expectations so a lagging informer never causes double creates.
/// </summary>
internal sealed partial class ReplicaSetController : ReconcilingController
{
    private const string ApiVersion = "apps/v1";
    private const string Kind = "ReplicaSet";

    private readonly IInformer<V1ReplicaSet> _replicaSets;
    private readonly IInformer<V1Pod> _pods;
    private readonly ControllerExpectations _expectations;

    public ReplicaSetController(ControllerContext context)
        : base(context, "replicaset")
    {
        _expectations = new ControllerExpectations(context.Time);
        _replicaSets = Runner.Watch(context.Informers.ReplicaSets(), new ResourceEventHandler<V1ReplicaSet>(Runner.Enqueue, (_, rs) => Runner.Enqueue(rs), OnReplicaSetDeleted));
        _pods = Runner.Watch(context.Informers.Pods(), new ResourceEventHandler<V1Pod>(OnPodAdded, OnPodUpdated, OnPodDeleted));
    }

    private void OnReplicaSetDeleted(V1ReplicaSet rs)
    {
        _expectations.Delete(NamespacedName.Of(rs).ToString());
        Runner.Enqueue(rs);
    }

    private void OnPodAdded(V1Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            // Restarted with a pod already being deleted: never count it as a creation.
            OnPodDeleted(pod);
            return;
        }

        if (OwnerReferences.ControllerOf(pod.Metadata) is { } owner)
        {
            if (Resolve(pod.Metadata.NamespaceProperty, owner) is { } rs)
            {
                _expectations.CreationObserved(NamespacedName.Of(rs).ToString());
                Runner.Enqueue(rs);
            }

            return;
        }

        EnqueueMatching(pod);
    }

    private void OnPodUpdated(V1Pod old, V1Pod current)
    {
        if (old.Metadata.ResourceVersion == current.Metadata.ResourceVersion)
        {
            return;
        }

        if (current.Metadata.DeletionTimestamp is not null && old.Metadata.DeletionTimestamp is null)
        {
            // A graceful deletion started: for the ReplicaSet the pod is gone now, not when the kubelet finishes.
            OnPodDeleted(current);
        }

        var oldOwner = OwnerReferences.ControllerOf(old.Metadata);
        var owner = OwnerReferences.ControllerOf(current.Metadata);
        if (oldOwner is not null && oldOwner.Uid != owner?.Uid && Resolve(old.Metadata.NamespaceProperty, oldOwner) is { } previous)
        {
            Runner.Enqueue(previous);
        }

        if (owner is not null)
        {
            if (Resolve(current.Metadata.NamespaceProperty, owner) is { } rs)
            {
                Runner.Enqueue(rs);
            }

            return;
        }

        EnqueueMatching(current);
    }

    private void OnPodDeleted(V1Pod pod)
    {
        if (OwnerReferences.ControllerOf(pod.Metadata) is { } owner && Resolve(pod.Metadata.NamespaceProperty, owner) is { } rs)
        {
            _expectations.DeletionObserved(NamespacedName.Of(rs).ToString(), NamespacedName.Of(pod).ToString());
            Runner.Enqueue(rs);
        }
    }

    /// <summary>An orphan may be adopted by any ReplicaSet whose selector matches it.</summary>
    private void EnqueueMatching(V1Pod pod)
    {
        foreach (var rs in _replicaSets.Cache.ListNamespace(pod.Metadata.NamespaceProperty ?? ""))
        {
            if (LabelSelector.Matches(rs.Spec.Selector, pod.Metadata.Labels))
            {
                Runner.Enqueue(rs);
            }
        }
    }

    private V1ReplicaSet? Resolve(string? ns, V1OwnerReference owner)
    {
        if (owner.Kind != Kind || !owner.ApiVersion.StartsWith("apps/", StringComparison.Ordinal))
        {
            return null;
        }

        var rs = _replicaSets.Cache.Get(new NamespacedName(ns ?? "", owner.Name));
        return rs?.Metadata.Uid == owner.Uid ? rs : null;
    }
}
