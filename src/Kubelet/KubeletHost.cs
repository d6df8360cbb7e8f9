using System.Threading.Channels;
using Orchestrator.Kubelet.Pods;

namespace Orchestrator.Kubelet;

/// <summary>
/// A kubelet process: one or many nodes (a hollow pool hosts thousands) sharing one pod informer,
/// one node informer and one pod worker queue. <see cref="RunAsync"/> registers every node, signals
/// <see cref="Registered"/>, then heartbeats and syncs pods until cancelled.
/// </summary>
public sealed class KubeletHost : IController
{
    private readonly KubeletOptions _options;
    private readonly Dictionary<string, NodeAgent> _agents;
    private readonly PodWorker _worker;
    private readonly ControllerRunner _runner;
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KubeletHost(ControllerContext context, IPodRuntime runtime, IEnumerable<NodeConfig> nodes, KubeletOptions? options = null, INodeConditionSource? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runtime);
        _options = options ?? new KubeletOptions();
        var logger = context.Loggers.CreateLogger<NodeAgent>();
        _agents = nodes.ToDictionary(n => n.Name, n => new NodeAgent(context.Client, n, _options, runtime.RuntimeVersion, context.Time, logger, conditions));
        _worker = new PodWorker(context, runtime, _agents);
        _runner = new ControllerRunner(_worker, context, _options.PodWorkers);
        _worker.Pods.AddHandler(new ResourceEventHandler<V1Pod>(
            pod => EnqueueIfOurs(pod),
            (old, pod) =>
            {
                // Our own status writes come back as updates: syncing on them would overwrite a
                // status (ErrImagePull) before anyone saw it. Upstream's pod config ignores them too.
                if (PodUpdate.DiffersBeyondStatus(old, pod))
                {
                    EnqueueIfOurs(pod);
                }
            },
            pod => EnqueueIfOurs(pod)));
        _worker.Nodes.AddHandler(new ResourceEventHandler<V1Node>(
            onAdd: node => OnPodCidr(null, node),
            onUpdate: OnPodCidr));
    }

    public string Name => "kubelet";

    /// <summary>Completes once every node is registered (its Node and Lease exist).</summary>
    public Task Registered => _registered.Task;

    /// <summary>The node agents by node name (tests pause heartbeats through them).</summary>
    internal IReadOnlyDictionary<string, NodeAgent> Nodes => _agents;

    /// <summary>Called with (node, podCIDR) when one of our nodes gets its pod CIDR (the CNI config follows it).</summary>
    public Action<string, string>? PodCidrAssigned { get; init; }

    /// <summary>More caches the first pod sync waits for (the configMaps and secrets volumes read).</summary>
    public IReadOnlyList<Func<CancellationToken, Task>> WaitForSync { get; init; } = [];

    /// <summary>
    /// Uids of pods to sync again soon, written by whoever learns that a pod's state changed outside
    /// the API (a probe result, a mounted configMap or secret); drained while the kubelet runs.
    /// </summary>
    public ChannelReader<string>? ResyncRequests { get; init; }

    /// <summary>The pod informer the kubelet runs on.</summary>
    public IInformer<V1Pod> Pods => _worker.Pods;

    /// <summary>Syncs the pod with that uid again soon (a probe result or a mounted source changed).</summary>
    public void Resync(string podUid)
    {
        if (_worker.KeyOf(podUid) is { } key)
        {
            _runner.Enqueue(key);
        }
    }

    /// <summary>Syncs every pod of ours again soon.</summary>
    public void ResyncAll()
    {
        foreach (var pod in _worker.Pods.Cache.List().Where(_worker.IsOurs))
        {
            _runner.Enqueue(pod);
        }
    }

    /// <summary>The uids of the live pods bound to our nodes (anything else a runtime holds is an orphan).</summary>
    public IReadOnlySet<string> LivePodUids() => _worker.KnownUids();

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await Parallel.ForEachAsync(_agents.Values, new ParallelOptions { MaxDegreeOfParallelism = _options.RegistrationConcurrency, CancellationToken = ct }, async (agent, token) => await agent.RegisterAsync(token));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _registered.TrySetCanceled(ct);
            return;
        }
        catch (Exception e)
        {
            _registered.TrySetException(e);
            throw;
        }

        _registered.TrySetResult();
        using var metrics = _worker.Metrics;
        var heartbeats = _agents.Values.Select(agent => agent.HeartbeatAsync(ct)).ToList();
        var resyncs = DrainResyncRequestsAsync(ct);
        await _runner.RunAsync([_worker.Pods.WaitForSyncAsync, _worker.Nodes.WaitForSyncAsync, .. WaitForSync], ct);
        await Task.WhenAll(heartbeats);
        await resyncs;
    }

    private async Task DrainResyncRequestsAsync(CancellationToken ct)
    {
        if (ResyncRequests is null)
        {
            return;
        }

        try
        {
            await foreach (var podUid in ResyncRequests.ReadAllAsync(ct))
            {
                Resync(podUid);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private void OnPodCidr(V1Node? old, V1Node node)
    {
        if (old?.Spec?.PodCIDR == node.Spec?.PodCIDR || !_agents.ContainsKey(node.Metadata.Name) || string.IsNullOrEmpty(node.Spec?.PodCIDR))
        {
            return;
        }

        PodCidrAssigned?.Invoke(node.Metadata.Name, node.Spec.PodCIDR);
        foreach (var pod in _worker.Pods.Cache.ByIndex(Indexes.NodeName, node.Metadata.Name))
        {
            _runner.Enqueue(pod);
        }
    }

    private void EnqueueIfOurs(V1Pod pod)
    {
        if (_worker.IsOurs(pod))
        {
            _runner.Enqueue(pod);
        }
    }
}
