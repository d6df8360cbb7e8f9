namespace Orchestrator.Kubelet.Volumes.Sources;

/// <summary>
/// The kubelet's secret and configMap managers with upstream's Watch strategy: a pod registers the
/// objects it references (<see cref="PodSourceNames"/>) with reference counts per pod, each object is
/// watched alone by name (<see cref="WatchedObjects{T}"/>), and reads answer from those watches. The
/// kubelet never lists or watches a whole namespace or cluster, which the Node authorizer refuses.
/// Runs as a companion of the kubelet: cancelling <see cref="RunAsync"/> stops every watch. Thread-safe.
/// </summary>
internal sealed class WatchingVolumeSources : IVolumeSources, IController, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodSourceRegistration> _pods = new(StringComparer.Ordinal);

    /// <param name="client">The kubelet's client.</param>
    /// <param name="changed">Called with a pod uid when a secret or configMap it references changed (after its first list); must only enqueue.</param>
    /// <param name="loggers">The loggers.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="syncTimeout">How long a registration waits for first lists; upstream's 1 s when null.</param>
    public WatchingVolumeSources(IKubernetes client, Action<string> changed, ILoggerFactory loggers, TimeProvider? time = null, TimeSpan? syncTimeout = null)
    {
        time ??= TimeProvider.System;
        Secrets = new WatchedObjects<V1Secret>(client, NamespacedListWatches.Secrets, s => s.Immutable == true, "secrets", changed, loggers, time, syncTimeout);
        ConfigMaps = new WatchedObjects<V1ConfigMap>(client, NamespacedListWatches.ConfigMaps, c => c.Immutable == true, "configmaps", changed, loggers, time, syncTimeout);
    }

    public string Name => "volume-sources";

    public WatchedObjects<V1Secret> Secrets { get; }

    public WatchedObjects<V1ConfigMap> ConfigMaps { get; }

    /// <summary>The uids of the registered pods.</summary>
    public IReadOnlyList<string> RegisteredPods
    {
        get
        {
            lock (_lock)
            {
                return [.. _pods.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    public Task RegisterPodAsync(V1Pod pod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var uid = pod.Metadata?.Uid ?? throw new ArgumentException("the pod has no uid", nameof(pod));
        var registration = new PodSourceRegistration(pod.Metadata.NamespaceProperty ?? string.Empty, PodSourceNames.Secrets(pod), PodSourceNames.ConfigMaps(pod));
        lock (_lock)
        {
            var previous = _pods.GetValueOrDefault(uid);
            _pods[uid] = registration;
            Update(Secrets, uid, registration.Namespace, previous?.Secrets, registration.Secrets);
            Update(ConfigMaps, uid, registration.Namespace, previous?.ConfigMaps, registration.ConfigMaps);
        }

        return Task.WhenAll(
            Secrets.WaitForSyncAsync(registration.Secrets.Select(n => new NamespacedName(registration.Namespace, n)), ct),
            ConfigMaps.WaitForSyncAsync(registration.ConfigMaps.Select(n => new NamespacedName(registration.Namespace, n)), ct));
    }

    public void UnregisterPod(string podUid)
    {
        lock (_lock)
        {
            if (_pods.Remove(podUid, out var previous))
            {
                Update(Secrets, podUid, previous.Namespace, previous.Secrets, new HashSet<string>());
                Update(ConfigMaps, podUid, previous.Namespace, previous.ConfigMaps, new HashSet<string>());
            }
        }
    }

    public V1ConfigMap? GetConfigMap(string ns, string name) => ConfigMaps.Get(new NamespacedName(ns, name));

    public V1Secret? GetSecret(string ns, string name) => Secrets.Get(new NamespacedName(ns, name));

    /// <summary>Waits for <paramref name="ct"/>, then stops every watch.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the kubelet stops
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Secrets.DisposeAsync();
        await ConfigMaps.DisposeAsync();
    }

    /// <summary>Adds the references new in <paramref name="current"/>, drops those gone from <paramref name="previous"/> (upstream's RegisterPod diff).</summary>
    private static void Update<T>(WatchedObjects<T> objects, string uid, string ns, IReadOnlySet<string>? previous, IReadOnlySet<string> current)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        foreach (var name in current.Where(n => previous?.Contains(n) != true))
        {
            objects.AddReference(new NamespacedName(ns, name), uid);
        }

        foreach (var name in previous?.Where(n => !current.Contains(n)) ?? [])
        {
            objects.DeleteReference(new NamespacedName(ns, name), uid);
        }
    }
}
