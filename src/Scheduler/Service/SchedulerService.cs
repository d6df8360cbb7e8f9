using Microsoft.Extensions.Logging;
using Orchestrator.Client;
using Orchestrator.Scheduler.Cache;
using Orchestrator.Scheduler.Metrics;
using Orchestrator.Scheduler.Plugins.ImagePlatform;
using Orchestrator.Scheduler.Queue;

namespace Orchestrator.Scheduler.Service;

/// <summary>
/// kube-scheduler: informers feed the scheduling queue (our pending pods) and the cache (nodes, bound pods);
/// one loop pops a pod, snapshots the cache, runs the framework, assumes the pod on the chosen node and binds
/// it in the background. Failures are reported as FailedScheduling events and a PodScheduled=False condition.
/// </summary>
internal sealed partial class SchedulerService : IController
{
    private readonly ControllerContext _context;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;
    private readonly SchedulingQueue _queue;
    private readonly SchedulerCache _cache;
    private readonly ScheduleAlgorithm _algorithm;
    private readonly Snapshot _snapshot = new();
    private readonly SemaphoreSlim _bindings;
    private readonly IInformer<V1Pod> _pods;
    private readonly IInformer<V1Node> _nodes;
    private readonly IInformer<V1Namespace> _namespaces;
    private readonly IInformer<V1PersistentVolumeClaim> _claims;
    private readonly IInformer<V1PersistentVolume> _volumes;
    private readonly IInformer<V1StorageClass> _classes;
    private readonly RegistryClient? _ownRegistry;
    private readonly SchedulerMetrics _metrics;

    public SchedulerService(ControllerContext context, SchedulerOptions options)
    {
        _context = context;
        _options = options;
        _logger = context.Loggers.CreateLogger("Orchestrator.Scheduler");
        _queue = new SchedulingQueue(context.Time, new SchedulingQueueOptions
        {
            InitialBackoff = options.PodInitialBackoff,
            MaxBackoff = options.PodMaxBackoff,
            PodMaxInUnschedulable = options.PodMaxInUnschedulable,
        });
        _cache = new SchedulerCache(context.Time, options.AssumedPodTtl);
        _metrics = new SchedulerMetrics(options.SchedulerName, () => _queue.Pending);
        var random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        _claims = context.Informers.PersistentVolumeClaims();
        _volumes = context.Informers.PersistentVolumes();
        _classes = context.Informers.StorageClasses();
        var volumes = new InformerVolumeSource(context.Client, _claims, _volumes, _classes);
        var images = options.Plugins?.Contains(ImagePlatform.PluginName) == false ? null
            : new ImagePlatformCache(options.ImageRegistry ?? (_ownRegistry = new RegistryClient(time: context.Time)), new SecretPullCredentials(context.Client), options.ImagePlatform, context.Time);
        _algorithm = new ScheduleAlgorithm(PluginRegistry.CreateFramework(options.Plugins, options.ScoreWeights, volumes, images), random, options.PercentageOfNodesToScore);
        _bindings = new SemaphoreSlim(options.MaxConcurrentBindings);
        _namespaces = context.Informers.Namespaces();
        _snapshot.NamespaceLabels = ns => _namespaces.Cache.Get(new NamespacedName(string.Empty, ns))?.Metadata.Labels;
        _nodes = context.Informers.Nodes();
        _pods = context.Informers.Pods();
        _nodes.AddHandler(new ResourceEventHandler<V1Node>(OnNodeAdd, OnNodeUpdate, OnNodeDelete));
        _pods.AddHandler(new ResourceEventHandler<V1Pod>(OnPodAdd, OnPodUpdate, OnPodDelete));

        // A claim, volume or class that appears or changes may make a pod waiting on its volumes schedulable.
        _claims.AddHandler(new ResourceEventHandler<V1PersistentVolumeClaim>(_ => _queue.MoveAllToActiveOrBackoffQueue(), (_, _) => _queue.MoveAllToActiveOrBackoffQueue()));
        _volumes.AddHandler(new ResourceEventHandler<V1PersistentVolume>(_ => _queue.MoveAllToActiveOrBackoffQueue(), (_, _) => _queue.MoveAllToActiveOrBackoffQueue()));
        _classes.AddHandler(new ResourceEventHandler<V1StorageClass>(_ => _queue.MoveAllToActiveOrBackoffQueue(), (_, _) => _queue.MoveAllToActiveOrBackoffQueue()));

        // An image's platforms read from its registry may make a pod that waited for them schedulable.
        if (images is not null)
        {
            images.Resolved += _queue.MoveAllToActiveOrBackoffQueue;
        }
    }

    public string Name => "scheduler";

    internal SchedulingQueue Queue => _queue;

    internal SchedulerCache Cache => _cache;

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(
                _pods.WaitForSyncAsync(ct), _nodes.WaitForSyncAsync(ct), _namespaces.WaitForSyncAsync(ct),
                _claims.WaitForSyncAsync(ct), _volumes.WaitForSyncAsync(ct), _classes.WaitForSyncAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _ownRegistry?.Dispose();
            _metrics.Dispose();
            return;
        }

        LogStarted(_options.SchedulerName, _cache.NodeCount);
        using var stop = ct.Register(_queue.Close);
        var flush = RunHousekeepingAsync(ct);
        try
        {
            while (await _queue.PopAsync(ct) is { } item)
            {
                var started = _context.Time.GetTimestamp();
                try
                {
                    await ScheduleOneAsync(item, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    LogCycleFailed(e, item.Key);
                    _metrics.Attempted(SchedulingResult.Error, _context.Time.GetElapsedTime(started));
                    _queue.AddBackoff(item);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }

        await flush;
        _ownRegistry?.Dispose();
        _metrics.Dispose();
    }

    /// <summary>One scheduling cycle for one pod.</summary>
    internal async Task ScheduleOneAsync(QueuedPodInfo item, CancellationToken ct)
    {
        var pod = item.Pod;
        if (pod.Metadata.DeletionTimestamp is not null || _cache.NodeOf(pod) is not null || !StillPending(pod))
        {
            return;
        }

        var started = _context.Time.GetTimestamp();
        using var span = Tracing.SchedulerTracing.StartCycle(pod, item.Attempts);
        _cache.UpdateSnapshot(_snapshot);
        var result = _algorithm.Schedule(item.PodInfo, _snapshot);
        Tracing.SchedulerTracing.Scheduled(span, result);
        if (!result.Succeeded)
        {
            _metrics.Attempted(SchedulingResult.Of(result), _context.Time.GetElapsedTime(started));
            await HandleFailureAsync(item, result, ct);
            return;
        }

        var host = result.SuggestedHost!;
        if (!_cache.AssumePod(item.PodInfo, host))
        {
            _metrics.Attempted(SchedulingResult.Error, _context.Time.GetElapsedTime(started)); // upstream: an assume error
            return;
        }

        var state = result.State!;
        var reserved = _algorithm.Framework.RunReserve(state, pod, host);
        if (!reserved.IsSuccess)
        {
            _cache.ForgetPod(pod);
            _metrics.Attempted(SchedulingResult.Of(reserved), _context.Time.GetElapsedTime(started));
            await HandleFailureAsync(item, new ScheduleResult(null, result.EvaluatedNodes, result.FeasibleNodes, $"running Reserve plugin \"{reserved.Plugin}\": {reserved.Message}", null), ct);
            return;
        }

        await _bindings.WaitAsync(ct);
        _ = Task.Run(() => BindAsync(item, host, state, started, ct), CancellationToken.None);
    }

    private async Task HandleFailureAsync(QueuedPodInfo item, ScheduleResult result, CancellationToken ct)
    {
        var message = result.FailureMessage ?? "scheduling failed";
        LogUnschedulable(item.Key, message);
        if (!StillPending(item.Pod))
        {
            return; // deleted or bound elsewhere during the cycle
        }

        _queue.AddUnschedulableIfNotPresent(item);
        if (result.Diagnosis?.PreFilterStatus?.Code == StatusCode.Pending)
        {
            return; // waiting for something outside the scheduler, which moves the pod back when it is there: not a failure to report
        }

        _context.Events.Record(item.Pod, "Warning", "FailedScheduling", message);
        await SetUnschedulableConditionAsync(item.Pod, message, ct);
    }

    /// <summary>Whether the informer still has the pod (same UID), unassigned and not being deleted.</summary>
    private bool StillPending(k8s.Models.V1Pod pod)
    {
        var current = _pods.Cache.Get(new NamespacedName(pod.Metadata.NamespaceProperty ?? string.Empty, pod.Metadata.Name));
        return current is not null && current.Metadata.Uid == pod.Metadata.Uid && !PodChanges.IsAssigned(current) && current.Metadata.DeletionTimestamp is null;
    }

    private async Task RunHousekeepingAsync(CancellationToken ct)
    {
        var queueLoop = _queue.RunFlushLoopAsync(ct);
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _context.Time);
            while (await timer.WaitForNextTickAsync(ct))
            {
                foreach (var expired in _cache.CleanupExpiredAssumedPods())
                {
                    LogAssumedExpired(QueuedPodInfo.QueueKey(expired));
                    var current = _pods.Cache.Get(new NamespacedName(expired.Metadata.NamespaceProperty ?? string.Empty, expired.Metadata.Name));
                    if (current is not null && !PodChanges.IsAssigned(current) && current.Metadata.DeletionTimestamp is null)
                    {
                        _queue.Add(current);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }

        await queueLoop;
    }
}
