namespace Orchestrator.Client;

/// <summary>
/// The informer wiring every controller repeats: register an event handler and wait for the
/// informer's cache before the workers start. Call <see cref="Watch{T}(IInformer{T})"/> from the
/// controller's constructor, before <see cref="RunAsync(CancellationToken)"/>; not thread-safe.
/// </summary>
public sealed partial class ControllerRunner
{
    private readonly List<Func<CancellationToken, Task>> _caches = [];

    /// <summary>Enqueues the key of every object <paramref name="informer"/> adds, updates or deletes.</summary>
    public IInformer<T> Watch<T>(IInformer<T> informer)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Watch(informer, ResourceEventHandler<T>.ForEach(obj => Enqueue(obj)));

    /// <summary>Registers <paramref name="handler"/> on <paramref name="informer"/>; the workers wait for its cache.</summary>
    public IInformer<T> Watch<T>(IInformer<T> informer, IResourceEventHandler<T> handler)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        informer.AddHandler(handler);
        return WaitFor(informer);
    }

    /// <summary>Only makes the workers wait for <paramref name="informer"/>'s cache: for informers read but not reacted to.</summary>
    public IInformer<T> WaitFor<T>(IInformer<T> informer)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        _caches.Add(informer.WaitForSyncAsync);
        return informer;
    }

    /// <summary>Waits for the caches of every watched informer, then processes keys until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) => RunAsync(_caches, ct);
}
