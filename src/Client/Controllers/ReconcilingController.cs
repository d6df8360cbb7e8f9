namespace Orchestrator.Client;

/// <summary>
/// The shape every keyed controller shares: its context, a <see cref="ControllerRunner"/> that calls
/// <see cref="ReconcileAsync"/>, and a run loop that waits for the informers the derived constructor
/// registered with <see cref="ControllerRunner.Watch{T}(IInformer{T})"/> or
/// <see cref="ControllerRunner.WaitFor{T}(IInformer{T})"/>.
/// </summary>
public abstract class ReconcilingController : IController, IReconciler
{
    /// <param name="context">What the controller shares with the rest of its component.</param>
    /// <param name="name">The controller's name, used in logs and metrics.</param>
    /// <param name="workers">How many keys are reconciled at once (never the same key twice).</param>
    /// <param name="maxRetryDelay">The longest backoff of a failing key (client-go's default 1000 s when null).</param>
    protected ReconcilingController(ControllerContext context, string name, int workers = 2, TimeSpan? maxRetryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Context = context;
        Name = name;
        Logger = context.Loggers.CreateLogger(GetType());
        Runner = new ControllerRunner(this, context, workers, maxRetryDelay);
    }

    public string Name { get; }

    protected ControllerContext Context { get; }

    protected ControllerRunner Runner { get; }

    /// <summary>The derived controller's logger, in the category <c>CreateLogger&lt;TController&gt;()</c> names (its full type name).</summary>
    protected ILogger Logger { get; }

    /// <summary>Waits for the watched informers' caches, then reconciles keys until <paramref name="ct"/> is cancelled.</summary>
    public virtual Task RunAsync(CancellationToken ct) => Runner.RunAsync(ct);

    public abstract Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct);
}
