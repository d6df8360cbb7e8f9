namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Upstream's PLEG: relists the runtime's containers and sandboxes every period and tells which pods
/// had one change state (a container exited, a sandbox died), so that the pod is synced again —
/// nothing else notices a process ending on its own.
/// </summary>
internal sealed class PodLifecycleEventGenerator(RuntimeService.RuntimeServiceClient runtime, TimeProvider time, TimeSpan? period = null)
{
    private readonly TimeSpan _period = period ?? TimeSpan.FromSeconds(1);
    private Dictionary<string, (string Uid, string State)> _last = [];

    /// <summary>Relists until cancelled, calling <paramref name="changed"/> with the uid of each pod that changed.</summary>
    public async Task RunAsync(Action<string> changed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changed);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                foreach (var uid in await RelistAsync(ct))
                {
                    changed(uid);
                }

                await Task.Delay(_period, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Grpc.Core.RpcException)
            {
                // the runtime is restarting: the next relist catches up
                await Task.Delay(_period, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One relist: the uids of pods with a container or sandbox that appeared, vanished or changed state since the last.</summary>
    public async Task<IReadOnlySet<string>> RelistAsync(CancellationToken ct)
    {
        var now = new Dictionary<string, (string Uid, string State)>();
        foreach (var c in (await runtime.ListContainersAsync(new ListContainersRequest(), cancellationToken: ct)).Containers)
        {
            if (c.Labels.TryGetValue(CriLabels.PodUid, out var uid))
            {
                now[c.Id] = (uid, c.State.ToString());
            }
        }

        foreach (var s in (await runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: ct)).Items)
        {
            if (s.Labels.TryGetValue(CriLabels.PodUid, out var uid))
            {
                now[s.Id] = (uid, s.State.ToString());
            }
        }

        var changed = new HashSet<string>();
        foreach (var (id, entry) in now)
        {
            if (!_last.TryGetValue(id, out var before) || before.State != entry.State)
            {
                changed.Add(entry.Uid);
            }
        }

        foreach (var (id, entry) in _last)
        {
            if (!now.ContainsKey(id))
            {
                changed.Add(entry.Uid);
            }
        }

        _last = now;
        return changed;
    }
}
