using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Aggregation.Availability;

/// <summary>
/// Keeps every APIService's Available condition (kube-aggregator's local and remote available controllers): keyed by
/// APIService name, level-triggered. A key is queued when its APIService changes, when its Service or one of that
/// Service's EndpointSlices changes, and every <see cref="ResyncInterval"/> for all of them (upstream resyncs every
/// 30 s; a dead backend shows sooner here). Pending keys are deduplicated; each pass reconciles the keys pending at
/// its start concurrently (a probe may take its full 5 s), a key queued meanwhile gets one more pass. Decisions are
/// <see cref="AvailabilityPlanner"/>'s; the status is written only when it changes. Failures are logged and
/// retried by the next resync.
/// </summary>
internal sealed partial class AvailabilityController(
    ApiServiceIndex index,
    WatchCacheSet caches,
    ResourceRegistry registry,
    IStore store,
    RegistryRules rules,
    DiscoveryProbe probe,
    TimeProvider time,
    ILogger<AvailabilityController> logger) : BackgroundService
{
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(10);

    private const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly PendingKeys _pending = new();
    private readonly ResourceDefinition _services = registry.Find("", "v1", "services")!;
    private readonly ResourceDefinition _slices = registry.Find("discovery.k8s.io", "v1", "endpointslices")!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        index.Changed += _pending.Add;
        try
        {
            var services = caches.For(_services);
            var slices = caches.For(_slices);
            var followers = new[]
            {
                Task.Run(() => CacheFollower.FollowAsync(services, _ => EnqueueAll(), e => EnqueueFor(e.Object.Object, ObjectName), stoppingToken), stoppingToken),
                Task.Run(() => CacheFollower.FollowAsync(slices, _ => EnqueueAll(), e => EnqueueFor(e.Object.Object, SliceServiceName), stoppingToken), stoppingToken),
                ResyncAsync(stoppingToken),
            };
            await index.WaitReadyAsync(stoppingToken);
            await services.WaitReadyAsync(stoppingToken);
            await slices.WaitReadyAsync(stoppingToken);
            EnqueueAll();
            while (!stoppingToken.IsCancellationRequested)
            {
                var names = await _pending.TakeAsync(stoppingToken);
                await Task.WhenAll(names.Select(name => SyncAsync(name, stoppingToken)));
            }

            await Task.WhenAll(followers);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping with the server.
        }
        finally
        {
            index.Changed -= _pending.Add;
        }
    }

    /// <summary>Decides and writes one APIService's condition; a missing APIService was deleted: nothing to do.</summary>
    private async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        if (!index.All.TryGetValue(name, out var apiService))
        {
            return;
        }

        try
        {
            var condition = Decide(apiService) ?? AvailabilityPlanner.AfterProbe(await probe.CheckAsync(apiService, cancellationToken));
            await WriteAsync(apiService, condition, cancellationToken);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Deleted meanwhile.
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SyncFailed(logger, name, e);
        }
    }

    private AvailabilityCondition? Decide(ApiServiceEntry apiService)
    {
        if (apiService.Service is not { } reference)
        {
            return AvailabilityPlanner.Check(apiService, null, []);
        }

        var service = caches.For(_services).TryGet(ObjectKeys.Item(_services, reference.Namespace, reference.Name))?.Object;
        var (items, _) = caches.For(_slices).List(ObjectKeys.ListPrefix(_slices, reference.Namespace));
        var owned = items.Select(i => i.Object).Where(s => SliceServiceName(s) == reference.Name).ToList();
        return AvailabilityPlanner.Check(apiService, service, owned);
    }

    private async Task WriteAsync(ApiServiceEntry apiService, AvailabilityCondition condition, CancellationToken cancellationToken)
    {
        string? previous = null;
        var changed = false;
        await GuaranteedUpdate.RunAsync(store, index.Resource, null, apiService.Name, null, dryRun: false, stored =>
        {
            var status = ApiServiceConditions.WithAvailable(stored["status"] as JsonObject, condition, time.GetUtcNow());
            if (status is null)
            {
                changed = false;
                return UpdateDecision.Write(stored);
            }

            previous = stored.Objects("status", "conditions").FirstOrDefault(c => c.String("type") == "Available")?.String("status");
            changed = true;
            var updated = stored.DeepClone().AsObject();
            updated["status"] = status;
            rules.PrepareUpdate(index.Resource, stored, updated, "status");
            return UpdateDecision.Write(updated);
        }, cancellationToken);
        if (changed && previous != condition.Status)
        {
            Log.AvailabilityChanged(logger, apiService.Name, previous ?? "Unknown", condition.Status, condition.Reason, condition.Message);
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ResyncInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            EnqueueAll();
        }
    }

    private void EnqueueAll() => _pending.AddRange(index.All.Keys);

    /// <summary>Queues the APIServices backed by the Service a Service or EndpointSlice event is about.</summary>
    private void EnqueueFor(JsonObject obj, Func<JsonObject, string?> serviceName)
    {
        var ns = obj.String("metadata", "namespace");
        var name = serviceName(obj);
        foreach (var apiService in index.All.Values.Where(a => a.Service is { } s && s.Namespace == ns && s.Name == name))
        {
            _pending.Add(apiService.Name);
        }
    }

    private static string? ObjectName(JsonObject service) => service.StringOrNull("metadata", "name");

    private static string? SliceServiceName(JsonObject slice) => slice.StringOrNull("metadata", "labels", ServiceNameLabel);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "APIService {Name} availability changed from {OldStatus} to {NewStatus}: {Reason}: {Message}")]
        public static partial void AvailabilityChanged(ILogger logger, string name, string oldStatus, string newStatus, string reason, string message);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the availability of APIService {Name}")]
        public static partial void SyncFailed(ILogger logger, string name, Exception exception);
    }
}
