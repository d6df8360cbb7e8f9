using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Labels;
using Orchestrator.ApiMachinery.Objects;
using Orchestrator.Client;

namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>
/// Keeps <c>spec.replicas</c> pods running for every ReplicaSet (upstream's <c>ReplicaSetController</c>):
/// claims pods by selector and controller reference, creates pods from the template in slow-start
/// batches, deletes the best candidates on scale-down, and reports status. Pod events feed the
/// creation/deletion expectations so a lagging informer never causes double creates.
/// </summary>
internal sealed partial class ReplicaSetController : IController, IReconciler
{
    private const string ApiVersion = "apps/v1";
    private const string Kind = "ReplicaSet";

    private readonly IKubernetes _client;
    private readonly IEventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerRunner _runner;
    private readonly IInformer<V1ReplicaSet> _replicaSets;
    private readonly IInformer<V1Pod> _pods;
    private readonly ControllerExpectations _expectations;

    public ReplicaSetController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _client = context.Client;
        _events = context.Events;
        _time = context.Time;
        _logger = context.Loggers.CreateLogger<ReplicaSetController>();
        _expectations = new ControllerExpectations(context.Time);
        _runner = new ControllerRunner(this, context);
        _replicaSets = _runner.Watch(context.Informers.ReplicaSets(), new ResourceEventHandler<V1ReplicaSet>(_runner.Enqueue, (_, rs) => _runner.Enqueue(rs), OnReplicaSetDeleted));
        _pods = _runner.Watch(context.Informers.Pods(), new ResourceEventHandler<V1Pod>(OnPodAdded, OnPodUpdated, OnPodDeleted));
    }

    public string Name => "replicaset";

    public Task RunAsync(CancellationToken ct) => _runner.RunAsync(ct);

    private void OnReplicaSetDeleted(V1ReplicaSet rs)
    {
        _expectations.Delete(NamespacedName.Of(rs).ToString());
        _runner.Enqueue(rs);
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
                _runner.Enqueue(rs);
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
            _runner.Enqueue(previous);
        }

        if (owner is not null)
        {
            if (Resolve(current.Metadata.NamespaceProperty, owner) is { } rs)
            {
                _runner.Enqueue(rs);
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
            _runner.Enqueue(rs);
        }
    }

    /// <summary>An orphan may be adopted by any ReplicaSet whose selector matches it.</summary>
    private void EnqueueMatching(V1Pod pod)
    {
        foreach (var rs in _replicaSets.Cache.ListNamespace(pod.Metadata.NamespaceProperty ?? ""))
        {
            if (LabelSelector.Matches(rs.Spec.Selector, pod.Metadata.Labels))
            {
                _runner.Enqueue(rs);
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
