namespace Orchestrator.ControllerManager.Controllers.NodeIpam;

/// <summary>
/// Gives every node a pod subnet (spec.podCIDR / podCIDRs) from the cluster CIDR, never the same one
/// twice, and takes it back when the node goes. On start it first records the subnets nodes already have.
/// </summary>
internal sealed partial class NodeIpamController : ReconcilingController
{
    private readonly IInformer<V1Node> _nodes;
    private readonly CidrSet _cidrs;
    private readonly Dictionary<string, string> _byNode = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    // One worker: allocations are decided one at a time.
    public NodeIpamController(ControllerContext context, NodeIpamOptions? options = null)
        : base(context, "nodeipam", workers: 1)
    {
        options ??= new NodeIpamOptions();
        _cidrs = new CidrSet(options.ClusterCidr, options.NodeCidrMaskSize);
        _nodes = Runner.Watch(context.Informers.Nodes());
    }

    public override Task RunAsync(CancellationToken ct) => Runner.RunAsync([SyncAndRebuildAsync], ct);

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var node = _nodes.Cache.Get(key);
        string? cidr;
        lock (_lock)
        {
            if (node is null)
            {
                if (_byNode.Remove(key.Name, out var released))
                {
                    _cidrs.Release(released);
                    Log.Released(Logger, released, key.Name);
                }

                return ReconcileResult.Done;
            }

            if (Existing(node) is { } existing)
            {
                Record(key.Name, existing);
                return ReconcileResult.Done;
            }

            if (_byNode.ContainsKey(key.Name))
            {
                // Allocated and patched already; the cache has not caught up.
                return ReconcileResult.Done;
            }

            cidr = _cidrs.AllocateNext();
            if (cidr is not null)
            {
                _byNode[key.Name] = cidr;
            }
        }

        if (cidr is null)
        {
            Context.Events.Record(node, "Normal", "CIDRNotAvailable", $"Node {key.Name} status is now: CIDRNotAvailable");
            return new ReconcileResult(TimeSpan.FromSeconds(30));
        }

        try
        {
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = node.Metadata.ResourceVersion },
                ["spec"] = new JsonObject { ["podCIDR"] = cidr, ["podCIDRs"] = new JsonArray(cidr) },
            };
            await Context.Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), key.Name, cancellationToken: ct);
            Log.Allocated(Logger, cidr, key.Name);
            return ReconcileResult.Done;
        }
        catch
        {
            lock (_lock)
            {
                _byNode.Remove(key.Name);
                _cidrs.Release(cidr);
            }

            throw;
        }
    }

    private async Task SyncAndRebuildAsync(CancellationToken ct)
    {
        await _nodes.WaitForSyncAsync(ct);
        lock (_lock)
        {
            foreach (var node in _nodes.Cache.List())
            {
                if (Existing(node) is { } cidr)
                {
                    Record(node.Metadata.Name, cidr);
                }
            }
        }
    }

    private void Record(string node, string cidr)
    {
        if (_byNode.TryGetValue(node, out var known) && known == cidr)
        {
            return;
        }

        if (_cidrs.Occupy(cidr))
        {
            _byNode[node] = cidr;
        }
    }

    private static string? Existing(V1Node node) =>
        node.Spec?.PodCIDRs?.FirstOrDefault(c => !c.Contains(':', StringComparison.Ordinal)) ?? NullIfEmpty(node.Spec?.PodCIDR);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Allocated pod CIDR {Cidr} to node {Node}")]
        public static partial void Allocated(ILogger logger, string cidr, string node);

        [LoggerMessage(Level = LogLevel.Information, Message = "Released pod CIDR {Cidr} of deleted node {Node}")]
        public static partial void Released(ILogger logger, string cidr, string node);
    }
}
