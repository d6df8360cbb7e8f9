namespace Orchestrator.ApiServer.CustomResources.Controller;

/// <summary>
/// The API server's own CRD controller (upstream's apiextensions naming, establishing and finalizer controllers
/// plus the crdHandler's serving set), level-triggered: any change of any CRD (from the CRD watch cache) marks the
/// state dirty and one worker reconciles every CRD from the cache: names and conditions
/// (<see cref="CrdNamingPlanner"/>) written through <c>/status</c>, its versions served in the
/// <see cref="ResourceRegistry"/> (with their watch caches ready) before Established is written, and a deleted
/// CRD's objects deleted before its cleanup finalizer is removed and its resources leave the registry.
/// A failed or unfinished pass is retried after a second.
/// </summary>
internal sealed partial class CustomResourceController(
    WatchCacheSet caches,
    ResourceRegistry registry,
    ObjectUpdater updater,
    ObjectDeleter deleter,
    TimeProvider time,
    ILogger<CustomResourceController> logger) : BackgroundService
{
    private static readonly FieldOwner StatusOwner = new("kube-apiserver", ManagedFieldsEntry.Update, "status");
    private static readonly FieldOwner FinalizerOwner = new("kube-apiserver", ManagedFieldsEntry.Update, null);

    private readonly SemaphoreSlim _dirty = new(0, 1);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _servedFingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ResourceDefinition>> _served = new(StringComparer.Ordinal);

    private static ResourceDefinition Crds { get; } =
        ResourceRegistry.BuiltIn.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions") ?? throw new InvalidOperationException("CRDs are not registered");

    /// <summary>Completes once the CRDs stored at start-up are served (the first pass has run).</summary>
    public Task WaitSyncedAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cache = caches.For(Crds);
        var follow = Task.Run(() => CacheFollower.FollowAsync(cache, _ => Kick(), _ => Kick(), stoppingToken), stoppingToken);
        await cache.WaitReadyAsync(stoppingToken);
        var retry = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                retry = !await ReconcileAllAsync(cache, stoppingToken);
                _synced.TrySetResult();
                if (retry)
                {
                    await _dirty.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                }
                else
                {
                    await _dirty.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        await follow.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override void Dispose()
    {
        _dirty.Dispose();
        base.Dispose();
    }

    private void Kick()
    {
        try
        {
            if (_dirty.CurrentCount == 0)
            {
                _dirty.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already marked dirty: one more pass is pending anyway.
        }
    }

    /// <summary>One pass over every CRD; false when something must be tried again (a failure, objects still being deleted).</summary>
    private async Task<bool> ReconcileAllAsync(ResourceWatchCache cache, CancellationToken cancellationToken)
    {
        var crds = cache.List("").Items.Select(o => o.Clone()).ToList();
        var done = true;
        foreach (var crd in crds)
        {
            try
            {
                done &= await ReconcileAsync(crd, crds, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogReconcileFailed(logger, CrdReader.Name(crd), e);
                done = false;
            }
        }

        var present = crds.Select(CrdReader.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _served.Keys.Where(name => !present.Contains(name)).ToList())
        {
            await StopServingAsync(gone);
        }

        return done;
    }

    private async Task<bool> ReconcileAsync(JsonObject crd, IReadOnlyList<JsonObject> all, CancellationToken cancellationToken)
    {
        var name = CrdReader.Name(crd);
        var plan = CrdNamingPlanner.Plan(crd, all, ResourceRegistry.BuiltIn.All);
        var planned = crd.DeepClone().AsObject();
        var changed = CrdStatusWriter.Apply(planned, plan, ObjectMeta.Now(time));
        if (plan.Serve)
        {
            // Served (and its caches filled) before Established is visible, so a client that sees it can use the kind.
            await ServeAsync(name, planned, cancellationToken);
        }

        if (changed)
        {
            await WriteStatusAsync(name, plan, cancellationToken);
        }

        if (!CrdReader.IsDeleting(crd))
        {
            return true;
        }

        return await CleanUpAsync(crd, cancellationToken);
    }

    private async Task ServeAsync(string name, JsonObject crd, CancellationToken cancellationToken)
    {
        var fingerprint = (crd["spec"]?.ToJsonString() ?? "") + (crd["status"]?["acceptedNames"]?.ToJsonString() ?? "") + CrdReader.IsDeleting(crd);
        if (_servedFingerprints.GetValueOrDefault(name) == fingerprint)
        {
            return;
        }

        var resources = ServedResources.Of(crd);
        await Task.WhenAll(resources.Select(r => caches.For(r).WaitReadyAsync(cancellationToken)));
        if (_served.TryGetValue(name, out var before))
        {
            // A cache belongs to the storage version: it goes only when no version served now is stored there.
            foreach (var dropped in before.Where(b => resources.All(r => r.Storage.ApiVersion != b.Storage.ApiVersion || r.Plural != b.Plural)))
            {
                await caches.RemoveAsync(dropped);
            }
        }

        registry.SetCustom(name, resources);
        _served[name] = resources;
        _servedFingerprints[name] = fingerprint;
        LogServing(logger, name, string.Join(",", resources.Select(r => r.Version)));
    }

    private async Task StopServingAsync(string name)
    {
        registry.SetCustom(name, []);
        if (_served.Remove(name, out var resources))
        {
            foreach (var resource in resources)
            {
                await caches.RemoveAsync(resource);
            }
        }

        _servedFingerprints.Remove(name);
        LogStopped(logger, name);
    }

    private async Task WriteStatusAsync(string name, CrdStatusPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            await updater.UpdateAsync(new ResourceRequest(Crds, null, name, "status"), StatusOwner, dryRun: false, current =>
            {
                CrdStatusWriter.Apply(current, plan, ObjectMeta.Now(time));
                return current;
            }, cancellationToken);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Deleted meanwhile: the next pass sees it gone.
        }
    }

    /// <summary>Deletes the CRD's objects; once none is left, removes the cleanup finalizer. True when the CRD is finished with.</summary>
    private async Task<bool> CleanUpAsync(JsonObject crd, CancellationToken cancellationToken)
    {
        var name = CrdReader.Name(crd);
        if (!ObjectMeta.Finalizers(crd).Contains(Registry.ApiExtensions.CustomResourceDefinitionStrategy.CleanupFinalizer))
        {
            return true;
        }

        if (_served.TryGetValue(name, out var resources) && resources.Count > 0)
        {
            var resource = resources[0];
            var remaining = caches.For(resource).List("").Items;
            foreach (var item in remaining)
            {
                var obj = item.Object;
                var request = new ResourceRequest(resource, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj) ?? "", null);
                try
                {
                    await deleter.DeleteAsync(request, new DeleteOptions(null, null, null, null, DryRun: false), cancellationToken);
                }
                catch (ApiException e) when (e.Code is 404 or 409)
                {
                    // Gone or changed meanwhile: the next pass looks again.
                }
            }

            if (remaining.Count > 0)
            {
                // Finalizers of the objects may keep some: look again on the next pass.
                return false;
            }

            await StopServingAsync(name);
        }

        try
        {
            await updater.UpdateAsync(new ResourceRequest(Crds, null, name, null), FinalizerOwner, dryRun: false, current =>
            {
                var finalizers = ObjectMeta.Finalizers(current).Where(f => f != Registry.ApiExtensions.CustomResourceDefinitionStrategy.CleanupFinalizer).ToList();
                ObjectMeta.Set(current, "finalizers", finalizers.Count == 0 ? null : new JsonArray([.. finalizers.Select(f => (JsonNode)f)]));
                return current;
            }, cancellationToken);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Already gone.
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "reconciling CustomResourceDefinition {Name} failed; retrying")]
    private static partial void LogReconcileFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving CustomResourceDefinition {Name} versions {Versions}")]
    private static partial void LogServing(ILogger logger, string name, string versions);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped serving CustomResourceDefinition {Name}")]
    private static partial void LogStopped(ILogger logger, string name);
}
