namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// The kubelet of a real node: the pod worker and node agent (<see cref="KubeletHost"/>), the
/// relist of the runtime's containers (<see cref="PodLifecycleEventGenerator"/>), and
/// housekeeping — pods the runtime still holds that the API no longer has
/// (deleted while the kubelet was down) are removed once the pod cache has synced, then every
/// <see cref="HousekeepingInterval"/>.
/// </summary>
public sealed partial class ContainerdKubelet : IController
{
    public static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Every pod is synced again this often (upstream's --sync-frequency): projected volumes pick up
    /// renewed service-account tokens before the old ones expire.
    /// </summary>
    public static readonly TimeSpan SyncFrequency = TimeSpan.FromMinutes(1);

    private readonly KubeletHost _host;
    private readonly CriPodRuntime _runtime;
    private readonly PodLifecycleEventGenerator _pleg;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IController> _companions;

    /// <param name="companions">Node-level loops that live and stop with the kubelet (the secret and configMap watches, the pod network).</param>
    internal ContainerdKubelet(KubeletHost host, CriPodRuntime runtime, PodLifecycleEventGenerator pleg, ControllerContext context, IReadOnlyList<IController> companions)
    {
        (_host, _runtime, _pleg, _time, _companions) = (host, runtime, pleg, context.Time, companions);
        _logger = context.Loggers.CreateLogger<ContainerdKubelet>();
    }

    public string Name => "kubelet";

    public KubeletHost Host => _host;

    /// <summary>Completes once the node is registered.</summary>
    public Task Registered => _host.Registered;

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.WhenAll([_host.RunAsync(ct), HousekeepingAsync(ct), RelistAsync(ct), .. _companions.Select(c => c.RunAsync(ct))]);
    }

    /// <summary>Pods whose containers changed state in the runtime are synced again (a container exited).</summary>
    private async Task RelistAsync(CancellationToken ct)
    {
        try
        {
            await _host.Registered.WaitAsync(ct);
            await _pleg.RunAsync(_host.Resync, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task HousekeepingAsync(CancellationToken ct)
    {
        try
        {
            await _host.Pods.WaitForSyncAsync(ct);
            await _host.Registered.WaitAsync(ct);
            var lastFullSync = _time.GetUtcNow();
            while (!ct.IsCancellationRequested)
            {
                if (_time.GetUtcNow() - lastFullSync >= SyncFrequency)
                {
                    lastFullSync = _time.GetUtcNow();
                    _host.ResyncAll();
                }

                try
                {
                    var removed = await _runtime.RemoveOrphansAsync(_host.LivePodUids(), ct);
                    if (removed > 0)
                    {
                        LogOrphansRemoved(removed);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHousekeepingFailed(e);
                }

                await Task.Delay(HousekeepingInterval, _time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} pod(s) the API no longer has")]
    private partial void LogOrphansRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping failed; retrying next period")]
    private partial void LogHousekeepingFailed(Exception e);
}
