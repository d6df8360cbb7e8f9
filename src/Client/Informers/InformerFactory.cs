namespace Orchestrator.Client;

/// <summary>
/// One shared informer per resource type for a component: ask for the ones you need, then
/// <see cref="StartAsync"/>. Informers asked for after the start begin at once.
/// </summary>
public sealed partial class InformerFactory : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<Type, (object Informer, Func<CancellationToken, Task> Run, Func<CancellationToken, Task> WaitForSync)> _informers = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenRegistration _stopOnCancel;
    private bool _started;
    private bool _disposed;

    public InformerFactory(IKubernetes client, ILoggerFactory loggers, TimeProvider? time = null)
    {
        _client = client;
        _loggers = loggers;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The client the informers use; components may share it for writes.</summary>
    public IKubernetes Client => _client;

    /// <summary>The informer for <typeparamref name="T"/>, created with <paramref name="listWatch"/> on first use.</summary>
    public IInformer<T> For<T>(ListWatch<T> listWatch, InformerOptions? options = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(listWatch);
        lock (_lock)
        {
            if (_informers.TryGetValue(typeof(T), out var existing))
            {
                return (IInformer<T>)existing.Informer;
            }

            var informer = new Informer<T>(_client, listWatch, _loggers.CreateLogger<Informer<T>>(), _time, options);
            _informers[typeof(T)] = (informer, informer.RunAsync, informer.WaitForSyncAsync);
            if (_started && !_disposed)
            {
                _running.Add(Task.Run(() => informer.RunAsync(_stop.Token), CancellationToken.None));
            }

            return informer;
        }
    }

    /// <summary>Starts every informer asked for so far; returns at once. Stopped by <see cref="DisposeAsync"/> or <paramref name="ct"/>.</summary>
    public Task StartAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (!_started && !_disposed)
            {
                _started = true;
                _stopOnCancel = ct.Register(_stop.Cancel);
                foreach (var (_, entry) in _informers)
                {
                    var run = entry.Run;
                    _running.Add(Task.Run(() => run(_stop.Token), CancellationToken.None));
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes when every informer asked for so far has synced.</summary>
    public Task WaitForSyncAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.WhenAll(_informers.Values.Select(entry => entry.WaitForSync(ct)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // Unregister first: the caller's token may be cancelled after we are gone, and must not touch a disposed source.
        await _stopOnCancel.DisposeAsync();
        await _stop.CancelAsync();
        lock (_lock)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        _stop.Dispose();
    }
}
