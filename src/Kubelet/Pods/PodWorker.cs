using k8s.Autorest;
using Orchestrator.Kubelet.Metrics;
using Orchestrator.Kubelet.Status;

namespace Orchestrator.Kubelet.Pods;

/// <summary>
/// The kubelet's per-pod sync, level-triggered over one shared pod informer for every node this
/// process runs: a pod bound to one of our nodes is run through the runtime and its status written
/// back; a pod being deleted is killed and then finally deleted (grace 0, uid precondition); a pod
/// gone from the API is killed and forgotten.
/// </summary>
internal sealed class PodWorker : IReconciler
{
    private readonly ControllerContext _context;
    private readonly IInformer<V1Pod> _pods;
    private readonly IInformer<V1Node> _nodes;
    private readonly IPodRuntime _runtime;
    private readonly IReadOnlyDictionary<string, Node.NodeAgent> _agents;
    private readonly ConcurrentDictionary<NamespacedName, V1Pod> _known = new();
    private readonly ConcurrentDictionary<string, NamespacedName> _uids = new();

    public PodWorker(ControllerContext context, IPodRuntime runtime, IReadOnlyDictionary<string, Node.NodeAgent> agents)
    {
        _context = context;
        _runtime = runtime;
        _agents = agents;
        // A kubelet of one node lists and watches only the pods bound to it (the Node authorizer refuses anything
        // wider, as upstream's does); a host of several hollow nodes runs as an administrator and watches them all.
        _pods = agents.Count == 1
            ? context.Informers.For(ListWatches.Pods, new InformerOptions { FieldSelector = "spec.nodeName=" + agents.Keys.Single() })
            : context.Informers.Pods();
        _nodes = context.Informers.Nodes();
        Metrics = new KubeletPodMetrics(context.Time);
    }

    public string Name => "kubelet";

    public IInformer<V1Pod> Pods => _pods;

    public IInformer<V1Node> Nodes => _nodes;

    /// <summary>The running pod and container gauges and pod start durations of this worker's pods.</summary>
    public KubeletPodMetrics Metrics { get; }

    /// <summary>The key of a pod this worker runs, by uid (probe results and volume sources name pods by uid).</summary>
    public NamespacedName? KeyOf(string podUid) => _uids.TryGetValue(podUid, out var key) ? key : null;

    /// <summary>The uids of the pods this worker knows (live pods; anything else the runtime holds is an orphan).</summary>
    public IReadOnlySet<string> KnownUids() => _pods.Cache.List().Where(IsOurs).Select(p => p.Metadata.Uid).OfType<string>().ToHashSet();

    /// <summary>Whether the pod belongs to this process (bound to one of its nodes).</summary>
    public bool IsOurs(V1Pod pod) => pod.Spec?.NodeName is { } node && _agents.ContainsKey(node);

    public async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var pod = _pods.Cache.Get(key);
        if (pod is null || !IsOurs(pod))
        {
            if (_known.TryRemove(key, out var gone))
            {
                await ForgetAsync(gone, ct);
                await _runtime.RemoveAsync(gone, ct);
                _uids.TryRemove(gone.Metadata.Uid ?? string.Empty, out _);
            }

            return ReconcileResult.Done;
        }

        _known[key] = pod;
        _uids[pod.Metadata.Uid ?? string.Empty] = key;
        using var span = PodWorkerTracing.StartSync(pod);
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, ct);
            return ReconcileResult.Done;
        }

        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            await ForgetAsync(pod, ct);
            return ReconcileResult.Done;
        }

        Metrics.Seen(pod.Metadata.Uid ?? string.Empty);
        var nodeName = pod.Spec.NodeName;
        if (Admission.PodAdmission.Check(pod, _agents[nodeName].Config) is { } rejection)
        {
            await RejectAsync(pod, rejection, ct);
            return ReconcileResult.Done;
        }

        var hostIp = _agents[nodeName].Config.InternalIp;
        var podCidr = _nodes.Cache.Get(new NamespacedName(string.Empty, nodeName))?.Spec?.PodCIDR is { Length: > 0 } cidr ? cidr : null;
        if (podCidr is null && pod.Spec.HostNetwork != true)
        {
            return ReconcileResult.After(TimeSpan.FromSeconds(1)); // no podCIDR yet: the node IPAM controller has not got to this node
        }

        var observed = await _runtime.SyncAsync(pod, new NodeNetwork(nodeName, hostIp, podCidr, () => AssignedPodIps(nodeName)), ct);
        var known = pod.Spec.HostNetwork == true ? hostIp : pod.Status?.PodIP is { Length: > 0 } ip ? ip : null;
        var status = PodStatusBuilder.Build(pod, observed, known, hostIp, Now());
        Metrics.Synced(pod.Metadata.Uid ?? string.Empty, observed, pod.Status?.Phase, status.Phase);
        if (!PodStatusComparer.Equivalent(pod.Status, status))
        {
            var patch = new V1Patch(KubernetesJson.Serialize(new V1Pod { Status = status }), V1Patch.PatchType.MergePatch);
            await _context.Client.CoreV1.PatchNamespacedPodStatusAsync(patch, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
        }

        if (status.Phase is "Succeeded" or "Failed")
        {
            await ForgetAsync(pod, ct);
        }

        return observed.NextChangeIn is { } next ? ReconcileResult.After(next) : ReconcileResult.Done;
    }

    /// <summary>upstream's rejectPod: a Warning Event with the reason, the pod Failed; nothing of it ever runs.</summary>
    private async Task RejectAsync(V1Pod pod, Admission.PodRejection rejection, CancellationToken ct)
    {
        _context.Events.Record(pod, "Warning", rejection.Reason, rejection.Message);
        var status = Admission.PodAdmission.RejectedStatus(pod, rejection);
        var patch = new V1Patch(KubernetesJson.Serialize(new V1Pod { Status = status }), V1Patch.PatchType.MergePatch);
        await _context.Client.CoreV1.PatchNamespacedPodStatusAsync(patch, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
        await ForgetAsync(pod, ct);
    }

    private async Task TerminateAsync(V1Pod pod, CancellationToken ct)
    {
        var grace = GracePeriods.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? 30);
        await ForgetAsync(pod, ct, grace);
        try
        {
            var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
            await _context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, options, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // already gone, or a different pod now has the name: nothing of ours to delete
        }
    }

    private Task ForgetAsync(V1Pod pod, CancellationToken ct, TimeSpan? grace = null)
    {
        Metrics.Forgotten(pod.Metadata.Uid ?? string.Empty);
        return _runtime.KillAsync(pod, grace ?? TimeSpan.Zero, ct);
    }

    /// <summary>The IPs the API records for the live pods of a node (pod uid → IP), hostNetwork pods aside.</summary>
    private IEnumerable<KeyValuePair<string, string>> AssignedPodIps(string nodeName) =>
        _pods.Cache.ByIndex(Indexes.NodeName, nodeName)
            .Where(p => p.Status?.PodIP is { Length: > 0 } && p.Status.Phase is not ("Succeeded" or "Failed") && p.Spec.HostNetwork != true)
            .Select(p => KeyValuePair.Create(p.Metadata.Uid ?? p.Metadata.Name, p.Status.PodIP));

    private DateTime Now()
    {
        var now = _context.Time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }
}
