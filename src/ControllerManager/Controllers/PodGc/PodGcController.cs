namespace Orchestrator.ControllerManager.Controllers.PodGc;

/// <summary>
/// Periodically force-deletes (grace period 0) pods that can never finish on their own: see
/// <see cref="PodGcPlan"/>. A node missing from the cache is confirmed gone with a live GET first.
/// </summary>
internal sealed partial class PodGcController : IController
{
    private readonly ControllerContext _context;
    private readonly PodGcOptions _options;
    private readonly IInformer<V1Pod> _pods;
    private readonly IInformer<V1Node> _nodes;
    private readonly ILogger _logger;

    public PodGcController(ControllerContext context, PodGcOptions? options = null)
    {
        _context = context;
        _options = options ?? new PodGcOptions();
        _logger = context.Loggers.CreateLogger<PodGcController>();
        _pods = context.Informers.Pods();
        _nodes = context.Informers.Nodes();
    }

    public string Name => "podgc";

    public async Task RunAsync(CancellationToken ct)
    {
        await _pods.WaitForSyncAsync(ct);
        await _nodes.WaitForSyncAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await CollectAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PassFailed(_logger, e);
            }

            await Task.Delay(_options.CheckPeriod, _context.Time, ct);
        }
    }

    /// <summary>One pass over the caches.</summary>
    private async Task CollectAsync(CancellationToken ct)
    {
        var nodes = _nodes.Cache.List().ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        var plan = PodGcPlanner.Plan(_pods.Cache.List(), nodes, _options.TerminatedPodGcThreshold);
        foreach (var pod in plan.Terminated.Concat(plan.UnscheduledTerminating).Concat(plan.TerminatingOutOfService))
        {
            await DeleteAsync(pod, ct);
        }

        foreach (var (node, pods) in plan.OrphansByNode)
        {
            if (await NodeExistsAsync(node, ct))
            {
                continue;
            }

            foreach (var pod in pods)
            {
                await DeleteAsync(pod, ct);
            }
        }
    }

    private async Task<bool> NodeExistsAsync(string name, CancellationToken ct)
    {
        try
        {
            await _context.Client.CoreV1.ReadNodeAsync(name, cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return false;
        }
    }

    private async Task DeleteAsync(V1Pod pod, CancellationToken ct)
    {
        try
        {
            var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
            await _context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, options, cancellationToken: ct);
            Log.Deleted(_logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e) || ApiFailures.IsConflict(e))
        {
            // Gone already, or a new pod of that name.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collected pod {Namespace}/{Name}")]
        public static partial void Deleted(ILogger logger, string @namespace, string name);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Pod garbage collection pass failed")]
        public static partial void PassFailed(ILogger logger, Exception e);
    }
}
