using System.Diagnostics;

namespace Orchestrator.Client;

/// <summary>
/// Runs a reconciler: a work queue of keys, workers that start only after the given informers have
/// synced, and the failure handling every controller shares (STYLE.md rule 8): an exception is logged
/// and the key requeued with backoff; a <see cref="TerminalException"/> is logged and dropped; a
/// requested requeue is honoured; every outcome is counted.
/// </summary>
public sealed partial class ControllerRunner
{
    private readonly IReconciler _reconciler;
    private readonly ILogger _logger;
    private readonly int _workers;

    /// <param name="reconciler">What reconciles a key.</param>
    /// <param name="context">The component's shared context.</param>
    /// <param name="workers">How many keys are reconciled at once.</param>
    /// <param name="maxRetryDelay">The longest backoff of a failing key (client-go's default 1000 s when null).</param>
    public ControllerRunner(IReconciler reconciler, ControllerContext context, int workers = 2, TimeSpan? maxRetryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _reconciler = reconciler;
        _workers = workers;
        _logger = context.Loggers.CreateLogger("Orchestrator.Controller." + reconciler.Name);
        Queue = new WorkQueue<NamespacedName>(context.Time, maxDelay: maxRetryDelay, name: reconciler.Name);
    }

    public WorkQueue<NamespacedName> Queue { get; }

    public void Enqueue(IMetadata<V1ObjectMeta> obj) => Queue.Add(NamespacedName.Of(obj));

    public void Enqueue(NamespacedName key) => Queue.Add(key);

    /// <summary>Waits for the caches, then processes keys until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(IEnumerable<Func<CancellationToken, Task>> waitForSync, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(waitForSync);
        using var stop = ct.Register(Queue.ShutDown);
        try
        {
            try
            {
                await Task.WhenAll(waitForSync.Select(wait => wait(ct)));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            LogStarted(_reconciler.Name, _workers);
            await Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None)));
        }
        finally
        {
            // The registration above may be disposed before its callback ran (a sync wait that ends
            // on the same cancellation returns first), so shut down here too: no timers outlive the run.
            Queue.ShutDown();
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (true)
        {
            var (ok, key) = await Queue.GetAsync(CancellationToken.None);
            if (!ok)
            {
                return;
            }

            try
            {
                await ProcessAsync(key, ct);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(NamespacedName key, CancellationToken ct)
    {
        var name = _reconciler.Name;
        var started = Stopwatch.GetTimestamp();
        using var scope = _logger.BeginScope("{Controller} {Key}", name, key.ToString());
        using var span = ControllerTracing.Start(name, key);
        try
        {
            var result = await _reconciler.ReconcileAsync(key, ct);
            Queue.Forget(key);
            if (result.RequeueAfter is { } delay)
            {
                Queue.AddAfter(key, delay);
                ControllerMetrics.Reconciles.WithLabels(name, "requeue").Inc();
                ControllerTracing.Finish(span, "requeue");
            }
            else
            {
                ControllerMetrics.Reconciles.WithLabels(name, "success").Inc();
                ControllerTracing.Finish(span, "success");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the key is not lost, the next leader relists.
        }
        catch (TerminalException e)
        {
            Queue.Forget(key);
            LogTerminal(e, name, key.ToString());
            ControllerMetrics.Reconciles.WithLabels(name, "terminal").Inc();
            ControllerTracing.Finish(span, "terminal", e);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Optimistic concurrency lost a race against another writer: look again soon.
            LogConflict(name, key.ToString());
            Queue.AddRateLimited(key);
            ControllerMetrics.Reconciles.WithLabels(name, "error").Inc();
            ControllerTracing.Finish(span, "error", e);
        }
        catch (Exception e)
        {
            LogFailed(e, name, key.ToString(), Queue.NumRequeues(key) + 1);
            Queue.AddRateLimited(key);
            ControllerMetrics.Reconciles.WithLabels(name, "error").Inc();
            ControllerTracing.Finish(span, "error", e);
        }
        finally
        {
            ControllerMetrics.Duration.WithLabels(name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Controller}: caches synced, starting {Workers} workers")]
    private partial void LogStarted(string controller, int workers);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Controller}: {Key} failed permanently; not retrying")]
    private partial void LogTerminal(Exception e, string controller, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller}: {Key} hit a conflict; requeued")]
    private partial void LogConflict(string controller, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: {Key} failed (attempt {Attempt}); requeued with backoff")]
    private partial void LogFailed(Exception e, string controller, string key, int attempt);
}
