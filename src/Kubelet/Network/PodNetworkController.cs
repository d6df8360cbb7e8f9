namespace Orchestrator.Kubelet.Network;

/// <summary>
/// The node's host-gw pod network, level-triggered: at start the sysctls (<see cref="NodeSysctls"/>); then on every
/// Node change, and every <see cref="PodNetworkOptions.ResyncPeriod"/>, one sync of a single key re-reads all Nodes
/// from the informer cache, plans the routes (<see cref="NodeRoutesPlanner"/>), applies the difference to the route
/// table (<see cref="RouteTable"/>) and re-applies the masquerade table (<see cref="PodMasquerade"/>). Failures are
/// retried with backoff by the shared runner. On stop the masquerade table is deleted; routes stay, so pods keep
/// talking across nodes while the kubelet restarts.
/// </summary>
internal sealed partial class PodNetworkController : ReconcilingController
{
    private static readonly NamespacedName Key = new(string.Empty, "pod-network");

    private readonly PodNetworkOptions _options;
    private readonly IInformer<V1Node> _nodes;
    private readonly RouteTable _routes;
    private readonly PodMasquerade _masquerade;
    private readonly ILogger _logger;

    public PodNetworkController(ControllerContext context, PodNetworkOptions options, HostCommandRunner? run = null)
        : base(context, "pod-network", workers: 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        run ??= HostCommand.RunAsync;
        _routes = new RouteTable(run);
        _masquerade = new PodMasquerade(options.MasqueradeTable, options.ClusterCidr, run);
        _logger = context.Loggers.CreateLogger<PodNetworkController>();
        _nodes = Runner.Watch(context.Informers.Nodes(), ResourceEventHandler<V1Node>.ForEach(_ => Runner.Enqueue(Key)));
    }

    public override async Task RunAsync(CancellationToken ct)
    {
        LogSysctls(string.Join(", ", NodeSysctls.Ensure(_options.ProcSys)));
        Runner.Enqueue(Key);
        try
        {
            await base.RunAsync(ct);
        }
        finally
        {
            try
            {
                if (await _masquerade.DeleteAsync(CancellationToken.None))
                {
                    LogMasqueradeDeleted(_masquerade.TableName);
                }
            }
            catch (InvalidOperationException e)
            {
                LogMasqueradeDeleteFailed(e, _masquerade.TableName);
            }
        }
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        await _masquerade.ApplyAsync(ct);
        var desired = NodeRoutesPlanner.Plan(_options.NodeName, _nodes.Cache.List());
        var table = await _routes.ReadAsync(ct);
        var plan = NodeRoutesPlanner.Diff(desired, table.Ours, table.Foreign);
        foreach (var conflict in plan.Conflicts)
        {
            LogConflict(conflict.ToString());
        }

        if (!plan.IsEmpty)
        {
            LogSync(string.Join(", ", plan.Replace), string.Join(", ", plan.Delete));
            await _routes.ApplyAsync(plan, ct);
        }

        return ReconcileResult.After(_options.ResyncPeriod);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod network: sysctls {Outcomes}")]
    private partial void LogSysctls(string outcomes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod network: routes set [{Replaced}], removed [{Deleted}]")]
    private partial void LogSync(string replaced, string deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod network: not routing {Route}: a route we do not own has that destination")]
    private partial void LogConflict(string route);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod network: masquerade table ip {Table} deleted")]
    private partial void LogMasqueradeDeleted(string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod network: could not delete masquerade table ip {Table}")]
    private partial void LogMasqueradeDeleteFailed(Exception e, string table);
}
