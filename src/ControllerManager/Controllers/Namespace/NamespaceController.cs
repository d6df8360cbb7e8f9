namespace Orchestrator.ControllerManager.Controllers.Namespace;

/// <summary>
/// Empties namespaces being deleted (phase Terminating), records the deletion conditions, and then
/// removes the "kubernetes" finalizer through namespaces/{name}/finalize so the API server deletes them.
/// </summary>
internal sealed partial class NamespaceController : ReconcilingController
{
    private readonly IInformer<V1Namespace> _namespaces;
    private readonly NamespaceContentDeleter _deleter;

    /// <summary>Upstream's nsControllerRateLimiter: a failing namespace is retried at least every minute, never longer.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    public NamespaceController(ControllerContext context)
        : base(context, "namespace", maxRetryDelay: MaxRetryDelay)
    {
        _deleter = new NamespaceContentDeleter(context.Client, KindCatalog.Namespaced);
        _namespaces = Runner.Watch(context.Informers.Namespaces(), new ResourceEventHandler<V1Namespace>(
            ns => Runner.Enqueue(ns),
            (_, ns) => Runner.Enqueue(ns)));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var cached = _namespaces.Cache.Get(key);
        if (cached?.Metadata.DeletionTimestamp is null)
        {
            return ReconcileResult.Done;
        }

        // Act on the newest state, not a possibly stale cache (upstream re-reads as well).
        V1Namespace ns;
        try
        {
            ns = await Context.Client.CoreV1.ReadNamespaceAsync(key.Name, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return ReconcileResult.Done;
        }

        if (ns.Metadata.DeletionTimestamp is not { } deletedAt || NamespaceDeletionPlanner.WithoutKubernetesFinalizer(ns) is null)
        {
            return ReconcileResult.Done;
        }

        var now = Context.Time.GetUtcNow().UtcDateTime;
        var results = await _deleter.DeleteAllAsync(key.Name, deletedAt, now, ct);
        await UpdateConditionsAsync(ns, results, now, ct);

        switch (NamespaceDeletionPlanner.Decide(results))
        {
            case NamespaceDeletionDecision.Retry retry:
                throw new InvalidOperationException(retry.Message);
            case NamespaceDeletionDecision.Wait wait:
                Log.ContentRemaining(Logger, key.Name, wait.After);
                return new ReconcileResult(wait.After);
            default:
                await FinalizeAsync(key.Name, ct);
                return ReconcileResult.Done;
        }
    }

    private async Task UpdateConditionsAsync(V1Namespace ns, IReadOnlyList<KindDeletionResult> results, DateTime now, CancellationToken ct)
    {
        var (conditions, changed) = NamespaceConditions.Compute(ns.Status?.Conditions, results, now);
        if (!changed)
        {
            return;
        }

        var updated = new V1Namespace
        {
            ApiVersion = ns.ApiVersion,
            Kind = ns.Kind,
            Metadata = ns.Metadata,
            Spec = ns.Spec,
            Status = new V1NamespaceStatus { Phase = ns.Status?.Phase ?? "Terminating", Conditions = conditions },
        };
        try
        {
            await Context.Client.CoreV1.ReplaceNamespaceStatusAsync(updated, ns.Metadata.Name, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Gone meanwhile.
        }
    }

    private async Task FinalizeAsync(string name, CancellationToken ct)
    {
        // Re-read so only our finalizer goes, whatever others did meanwhile; the subresource retries conflicts itself.
        V1Namespace ns;
        try
        {
            ns = await Context.Client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return;
        }

        if (NamespaceDeletionPlanner.WithoutKubernetesFinalizer(ns) is not { } remaining)
        {
            return;
        }

        var finalized = new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = ns.Metadata,
            Spec = new V1NamespaceSpec { Finalizers = remaining },
        };
        try
        {
            await Context.Client.CoreV1.ReplaceNamespaceFinalizeAsync(finalized, name, cancellationToken: ct);
            Log.Finalized(Logger, name);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Already deleted.
        }
    }
}
