using System.Collections.Concurrent;

namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>
/// Watches node heartbeats (leases in kube-node-lease and the Ready condition): a silent node gets its
/// conditions set to Unknown; not-ready / unreachable taints follow the Ready condition; pods that do
/// not tolerate a node's NoExecute taints are deleted (at once, or when their tolerationSeconds run out).
/// </summary>
internal sealed partial class NodeLifecycleController : ReconcilingController
{
    private readonly NodeLifecycleOptions _options;
    private readonly IInformer<V1Node> _nodes;
    private readonly IInformer<V1Lease> _leases;
    private readonly IInformer<V1Pod> _pods;
    private readonly ConcurrentDictionary<string, NodeHealth> _health = new(StringComparer.Ordinal);

    public NodeLifecycleController(ControllerContext context, NodeLifecycleOptions? options = null)
        : base(context, "nodelifecycle")
    {
        _options = options ?? new NodeLifecycleOptions();
        _options.Validate();
        _nodes = Runner.Watch(context.Informers.Nodes());
        _leases = Runner.Watch(context.Informers.Leases(), new ResourceEventHandler<V1Lease>(OnLease, (_, l) => OnLease(l)));
        _pods = Runner.Watch(context.Informers.Pods(), new ResourceEventHandler<V1Pod>(OnPod, (_, p) => OnPod(p)));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_nodes.Cache.Get(key) is not { } cached)
        {
            _health.TryRemove(key.Name, out _);
            return ReconcileResult.Done;
        }

        var now = Context.Time.GetUtcNow().UtcDateTime;
        var lease = _leases.Cache.Get(new NamespacedName(_options.LeaseNamespace, key.Name));
        var health = _health.AddOrUpdate(key.Name, _ => NodeHealth.Observe(null, cached, lease, now), (_, old) => NodeHealth.Observe(old, cached, lease, now));

        var node = cached;
        if (health.IsStale(node, now, _options)
            && NodeConditions.MarkUnknown(node.Status?.Conditions, node.Metadata.CreationTimestamp, now) is { } unknown)
        {
            node = await MarkUnknownAsync(node, unknown, ct);
        }

        if (NodeTaintPlanner.Compute(node.Status?.Conditions, node.Spec?.Unschedulable ?? false, node.Spec?.Taints, now) is { } taints)
        {
            node = await Context.Client.CoreV1.PatchNodeAsync(TaintsPatch(node, taints), node.Metadata.Name, cancellationToken: ct);
            Log.TaintsUpdated(Logger, key.Name, string.Join(",", taints.Select(t => $"{t.Key}:{t.Effect}")));
        }

        var plan = TaintEvictionPlanner.Plan(node.Spec?.Taints, _pods.Cache.ByIndex(Indexes.NodeName, key.Name), now);
        foreach (var pod in plan.Evict)
        {
            await EvictAsync(pod, ct);
        }

        // Look again every monitor period, sooner when a toleration runs out.
        var after = _options.NodeMonitorPeriod;
        if (plan.NextCheck is { } next && next - now < after)
        {
            after = next - now;
        }

        return new ReconcileResult(after);
    }

    private async Task<V1Node> MarkUnknownAsync(V1Node node, IList<V1NodeCondition> conditions, CancellationToken ct)
    {
        var updated = ObjectCopy.Deep(node);
        updated.Status ??= new V1NodeStatus();
        updated.Status.Conditions = conditions;
        var written = await Context.Client.CoreV1.ReplaceNodeStatusAsync(updated, node.Metadata.Name, cancellationToken: ct);
        Log.NodeUnknown(Logger, node.Metadata.Name);
        Context.Events.Record(written, "Normal", "NodeNotReady", $"Node {node.Metadata.Name} status is now: NodeNotReady");
        return written;
    }

    private async Task EvictAsync(V1Pod pod, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty;
        Context.Events.Record(pod, "Normal", "TaintManagerEviction", $"Marking for deletion Pod {ns}/{pod.Metadata.Name}");
        try
        {
            var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
            await Context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, ns, options, cancellationToken: ct);
            Log.PodEvicted(Logger, ns, pod.Metadata.Name, pod.Spec?.NodeName ?? "");
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e) || ApiFailures.IsConflict(e))
        {
            // Gone already, or replaced by a new pod of the same name.
        }
    }

    private static V1Patch TaintsPatch(V1Node node, IList<V1Taint> taints)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = node.Metadata.ResourceVersion },
            ["spec"] = new JsonObject { ["taints"] = taints.Count == 0 ? null : JsonNode.Parse(KubernetesJson.Serialize(taints)) },
        };
        return new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
    }

    private void OnLease(V1Lease lease)
    {
        if (lease.Metadata.NamespaceProperty == _options.LeaseNamespace)
        {
            Runner.Enqueue(new NamespacedName("", lease.Metadata.Name));
        }
    }

    private void OnPod(V1Pod pod)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Metadata.DeletionTimestamp is null)
        {
            Runner.Enqueue(new NamespacedName("", pod.Spec.NodeName));
        }
    }
}
