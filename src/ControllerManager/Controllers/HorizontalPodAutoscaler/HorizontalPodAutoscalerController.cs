using System.Collections.Concurrent;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// The HorizontalPodAutoscaler controller (upstream horizontalpodautoscaling, autoscaling/v2): every sync period it
/// reads the target's scale subresource, the selected pods and their resource metrics, lets
/// <see cref="AutoscalerPlanner"/> decide, updates the scale, and writes status, conditions and events as upstream.
/// The recommendations and scale events the stabilization windows and behavior policies look at live in memory
/// per autoscaler, as upstream's do.
/// </summary>
internal sealed partial class HorizontalPodAutoscalerController : ReconcilingController
{
    public const string ControllerName = "horizontalpodautoscaling";

    private readonly IInformer<V2HorizontalPodAutoscaler> _autoscalers;
    private readonly IInformer<V1Pod> _pods;
    private readonly HorizontalPodAutoscalerOptions _options;
    private readonly IMetricsClient _metrics;
    private readonly ScaleClient _scales;
    private readonly MetricsEvaluator _evaluator;
    private readonly ConcurrentDictionary<NamespacedName, ScalingHistory> _histories = new();
    private readonly ConcurrentDictionary<NamespacedName, LabelRequirements> _selectors = new();

    /// <param name="context">The controller manager's shared context.</param>
    /// <param name="options">Sync period, tolerance and the delays (validated here).</param>
    /// <param name="metrics">Where usage comes from; by default metrics.k8s.io through the API server.</param>
    public HorizontalPodAutoscalerController(ControllerContext context, HorizontalPodAutoscalerOptions options, IMetricsClient? metrics = null)
        : base(context, "horizontal-pod-autoscaler")
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _metrics = metrics ?? new RestMetricsClient(context.Client);
        _scales = new ScaleClient(context.Client);
        _evaluator = new MetricsEvaluator(new ReplicaCalculator(options));
        _autoscalers = Runner.Watch(context.Informers.For(HorizontalPodAutoscalers.ListWatch), new ResourceEventHandler<V2HorizontalPodAutoscaler>(Enqueue, OnUpdate, Enqueue));
        _pods = Runner.WaitFor(context.Informers.Pods());
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var cached = _autoscalers.Cache.Get(key);
        if (cached is null)
        {
            _histories.TryRemove(key, out _);
            _selectors.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        var hpa = ObjectCopy.Deep(cached);
        hpa.ApiVersion = "autoscaling/v2";
        hpa.Kind = "HorizontalPodAutoscaler";
        var original = KubernetesJson.Serialize(hpa.Status ?? new V2HorizontalPodAutoscalerStatus());
        hpa.Status ??= new V2HorizontalPodAutoscalerStatus();
        try
        {
            await SyncAsync(key, hpa, ct);
        }
        catch (Exception e) when (e is ScaleTargetException or SyncFailedException)
        {
            LogSyncProblem(Logger, key, e.Message);
        }

        await WriteStatusIfChangedAsync(hpa, original, ct);
        return ReconcileResult.After(_options.SyncPeriod);
    }

    private async Task SyncAsync(NamespacedName key, V2HorizontalPodAutoscaler hpa, CancellationToken ct)
    {
        var now = Context.Time.GetUtcNow();
        var reference = hpa.Spec.ScaleTargetRef;
        var (target, scale) = await GetScaleAsync(hpa, now, ct);
        Set(hpa, HpaConditions.AbleToScale, "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", now);

        var history = _histories.GetOrAdd(key, _ => new ScalingHistory());
        var current = scale.Spec?.Replicas ?? 0;
        ScaleNormalizer.RecordInitialRecommendation(history, current, now);
        var snapshot = new ScaleSnapshot(current, scale.Status?.Replicas ?? 0, scale.Status?.Selector);
        var fetched = await FetchMetricsAsync(hpa, snapshot, ct);
        var plan = AutoscalerPlanner.Plan(
            hpa.Spec, snapshot, () =>
            {
                var pods = SelectedPods(key, snapshot.Selector);
                return _evaluator.Evaluate(hpa.Spec.Metrics, snapshot, pods, fetched, now, ControllingAutoscalers(pods));
            },
            history, _options.DownscaleStabilization, now);

        foreach (var change in plan.Conditions)
        {
            HpaConditions.Set(hpa.Status, change, now);
        }

        foreach (var e in plan.Events)
        {
            Context.Events.Record(hpa, e.Type, e.Reason, e.Message);
        }

        if (plan.MetricsFailed)
        {
            SetStatus(hpa, current, hpa.Status.DesiredReplicas, plan.MetricStatuses, rescaled: false, now);
            Context.Events.Record(hpa, "Warning", "FailedComputeMetricsReplicas", plan.MetricsError ?? "");
            throw new SyncFailedException($"failed to compute desired number of replicas based on listed metrics for {Reference(hpa)}: {plan.MetricsError}");
        }

        var desired = plan.DesiredReplicas;
        if (plan.Rescale)
        {
            try
            {
                scale.Spec ??= new V1ScaleSpec();
                scale.Spec.Replicas = desired;
                await _scales.UpdateAsync(target, hpa.Metadata.NamespaceProperty, reference.Name, scale, ct);
            }
            catch (Exception e) when (e is HttpOperationException or ScaleTargetException)
            {
                var message = ApiErrorMessage.Of(e);
                Context.Events.Record(hpa, "Warning", "FailedRescale", $"New size: {desired}; reason: {plan.RescaleReason}; error: {message}");
                Set(hpa, HpaConditions.AbleToScale, "False", "FailedUpdateScale", "the HPA controller was unable to update the target scale: " + message, now);
                SetStatus(hpa, current, hpa.Status.DesiredReplicas, hpa.Status.CurrentMetrics, rescaled: false, now);
                throw new SyncFailedException($"failed to rescale {Reference(hpa)}: {message}");
            }

            Set(hpa, HpaConditions.AbleToScale, "True", "SucceededRescale", "the HPA controller was able to update the target scale to " + desired.ToString(CultureInfo.InvariantCulture), now);
            Context.Events.Record(hpa, "Normal", "SuccessfulRescale", $"New size: {desired}; reason: {plan.RescaleReason}");
            ScaleNormalizer.StoreScaleEvent(hpa.Spec.Behavior, history, current, desired, _options.DownscaleStabilization, now);
            LogRescaled(Logger, key, Reference(hpa), current, desired, plan.RescaleReason);
        }
        else
        {
            desired = current;
        }

        SetStatus(hpa, current, desired, plan.MetricStatuses, plan.Rescale, now);
        if (plan.MetricsError is { } partial)
        {
            LogSyncProblem(Logger, key, partial);
        }
    }

    private async Task<(ScaleTarget Target, V1Scale Scale)> GetScaleAsync(V2HorizontalPodAutoscaler hpa, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var target = await _scales.ResolveAsync(hpa.Spec.ScaleTargetRef, ct);
            return (target, await _scales.GetAsync(target, hpa.Metadata.NamespaceProperty, hpa.Spec.ScaleTargetRef.Name, ct));
        }
        catch (Exception e) when (e is HttpOperationException or ScaleTargetException)
        {
            var message = ApiErrorMessage.Of(e);
            Context.Events.Record(hpa, "Warning", "FailedGetScale", message);
            Set(hpa, HpaConditions.AbleToScale, "False", "FailedGetScale", "the HPA controller was unable to get the target's current scale: " + message, now);
            throw new ScaleTargetException($"failed to query scale subresource for {Reference(hpa)}: {message}", e);
        }
    }

    /// <summary>Samples every resource the metrics name, unless the spec leaves nothing to measure (target at zero, outside min/max).</summary>
    private async Task<Dictionary<MetricQuery, MetricsFetch>> FetchMetricsAsync(V2HorizontalPodAutoscaler hpa, ScaleSnapshot scale, CancellationToken ct)
    {
        var fetched = new Dictionary<MetricQuery, MetricsFetch>();
        var min = hpa.Spec.MinReplicas ?? 1;
        if (string.IsNullOrEmpty(scale.Selector) || scale.SpecReplicas == 0 || scale.SpecReplicas > hpa.Spec.MaxReplicas || scale.SpecReplicas < min)
        {
            return fetched;
        }

        foreach (var query in MetricsEvaluator.Queries(hpa.Spec.Metrics))
        {
            try
            {
                fetched[query] = MetricsFetch.Of(await _metrics.GetResourceMetricAsync(query.Resource, hpa.Metadata.NamespaceProperty, scale.Selector, query.Container, ct));
            }
            catch (MetricsUnavailableException e)
            {
                fetched[query] = MetricsFetch.Failed(e.Message);
            }
        }

        return fetched;
    }

    /// <summary>The pods the target's selector selects; the selector is remembered as this autoscaler's (upstream's hpaSelectors).</summary>
    private List<V1Pod> SelectedPods(NamespacedName key, string? selector)
    {
        LabelRequirements requirements;
        try
        {
            requirements = LabelRequirements.Parse(selector);
        }
        catch (SelectorException)
        {
            return [];
        }

        _selectors[key] = requirements;
        return [.. _pods.Cache.ListNamespace(key.Namespace).Where(p => requirements.Matches(p.Metadata.Labels as IReadOnlyDictionary<string, string>))];
    }

    /// <summary>Upstream's hpasControllingPodsUnderSelector: every autoscaler of the namespace whose last selector selects one of the pods.</summary>
    private HashSet<string> ControllingAutoscalers(List<V1Pod> pods)
    {
        var controlling = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (other, requirements) in _selectors)
        {
            if (pods.Any(p => p.Metadata.NamespaceProperty == other.Namespace && requirements.Matches(p.Metadata.Labels as IReadOnlyDictionary<string, string>)))
            {
                controlling.Add(other.Namespace + "/" + other.Name);
            }
        }

        return controlling;
    }

    private async Task WriteStatusIfChangedAsync(V2HorizontalPodAutoscaler hpa, string original, CancellationToken ct)
    {
        if (KubernetesJson.Serialize(hpa.Status) == original)
        {
            return;
        }

        try
        {
            await Context.Client.AutoscalingV2.ReplaceNamespacedHorizontalPodAutoscalerStatusAsync(hpa, hpa.Metadata.Name, hpa.Metadata.NamespaceProperty, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            Context.Events.Record(hpa, "Warning", "FailedUpdateStatus", ApiErrorMessage.Of(e));
            throw;
        }
    }

    /// <summary>Upstream's setStatus: replicas and metrics replaced, lastScaleTime moved on a rescale, conditions kept.</summary>
    private static void SetStatus(V2HorizontalPodAutoscaler hpa, int current, int desired, IList<V2MetricStatus>? metrics, bool rescaled, DateTimeOffset now)
    {
        hpa.Status.CurrentReplicas = current;
        hpa.Status.DesiredReplicas = desired;
        hpa.Status.CurrentMetrics = metrics is { Count: > 0 } ? metrics : null;
        if (rescaled)
        {
            hpa.Status.LastScaleTime = Times.ApiTime(now);
        }
    }

    private static void Set(V2HorizontalPodAutoscaler hpa, string type, string status, string reason, string message, DateTimeOffset now) =>
        HpaConditions.Set(hpa.Status, new ConditionChange(type, status, reason, message), now);

    private static string Reference(V2HorizontalPodAutoscaler hpa) =>
        $"{hpa.Spec.ScaleTargetRef.Kind}/{hpa.Metadata.NamespaceProperty}/{hpa.Spec.ScaleTargetRef.Name}";

    private void Enqueue(V2HorizontalPodAutoscaler hpa) => Runner.Enqueue(hpa);

    /// <summary>A status write of our own is no reason to sync again before the period is up; a spec change is.</summary>
    private void OnUpdate(V2HorizontalPodAutoscaler old, V2HorizontalPodAutoscaler current)
    {
        if (old.Metadata.Generation != current.Metadata.Generation || KubernetesJson.Serialize(old.Spec) != KubernetesJson.Serialize(current.Spec))
        {
            Runner.Enqueue(current);
        }
    }
}
