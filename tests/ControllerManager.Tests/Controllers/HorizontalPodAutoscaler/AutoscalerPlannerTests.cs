using k8s.Models;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// reconcileAutoscaler's decisions and computeReplicasForMetrics' rules, pure: disabled targets, min/max first, the
/// largest proposal of several metrics, partial failures (scale up on the rest, never down), unserved metric types.
/// </summary>
public sealed class AutoscalerPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MetricsEvaluator _evaluator = new(new ReplicaCalculator(new HorizontalPodAutoscalerOptions()));

    [Theory]
    [InlineData(0, 1, 10, false, 0, "", "ScalingDisabled")]
    [InlineData(12, 1, 10, true, 10, "Current number of replicas above Spec.MaxReplicas", null)]
    [InlineData(1, 2, 10, true, 2, "Current number of replicas below Spec.MinReplicas", null)]
    public void The_target_outside_its_bounds_is_brought_back_without_metrics(int current, int min, int max, bool rescale, int desired, string reason, string? condition)
    {
        var spec = Spec(min, max, Cpu(50));

        var plan = AutoscalerPlanner.Plan(spec, new ScaleSnapshot(current, current, "app=web"), () => throw new InvalidOperationException("no metrics needed"), new ScalingHistory(), TimeSpan.FromMinutes(5), Now);

        Assert.Equal((rescale, desired, reason), (plan.Rescale, plan.DesiredReplicas, plan.RescaleReason));
        Assert.Equal(condition, plan.Conditions.SingleOrDefault()?.Reason);
    }

    [Fact]
    public void The_largest_proposal_of_several_metrics_wins_and_names_the_reason()
    {
        var spec = Spec(1, 20, Cpu(50), Memory("100"));
        var pods = Pods(2);
        var fetched = new Dictionary<MetricQuery, MetricsFetch>
        {
            [new("cpu", null)] = Fetch(pods, 100), // 100 % against 50 %: 4
            [new("memory", null)] = Fetch(pods, 300_000), // 300 against 100 per pod: 6
        };

        var plan = Plan(spec, 2, pods, fetched);

        Assert.Equal((true, 4, "memory resource above target"), (plan.Rescale, plan.DesiredReplicas, plan.RescaleReason));
        Assert.Equal("ScaleUpLimit", plan.Conditions.Single(c => c.Type == "ScalingLimited").Reason); // 6 wanted, doubling allows 4
        Assert.Equal(["Resource", "Resource"], plan.MetricStatuses!.Select(s => s.Type));
        Assert.Equal("300", plan.MetricStatuses![1].Resource.Current.AverageValue.ToString());
    }

    [Fact]
    public void A_failed_metric_does_not_stop_a_scale_up_the_others_ask_for()
    {
        var pods = Pods(2);
        var fetched = new Dictionary<MetricQuery, MetricsFetch> { [new("cpu", null)] = Fetch(pods, 100), [new("memory", null)] = MetricsFetch.Failed("no metrics returned from resource metrics API") };

        var plan = Plan(Spec(1, 20, Cpu(50), Memory("100")), 2, pods, fetched);

        Assert.Equal((true, 4), (plan.Rescale, plan.DesiredReplicas));
        Assert.False(plan.MetricsFailed);
        Assert.Equal("invalid metrics (1 invalid out of 2), first error is: failed to get memory resource metric value: failed to get memory usage: unable to get metrics for resource memory: no metrics returned from resource metrics API", plan.MetricsError);
        Assert.Equal(["Resource", ""], plan.MetricStatuses!.Select(s => s.Type));
        Assert.Contains(plan.Events, e => e.Reason == "FailedGetResourceMetric");
    }

    [Fact]
    public void A_failed_metric_blocks_a_scale_down_the_others_ask_for()
    {
        var pods = Pods(4);
        var fetched = new Dictionary<MetricQuery, MetricsFetch> { [new("cpu", null)] = Fetch(pods, 5), [new("memory", null)] = MetricsFetch.Failed("boom") };

        var plan = Plan(Spec(1, 20, Cpu(50), Memory("100")), 4, pods, fetched);

        Assert.True(plan.MetricsFailed);
        Assert.False(plan.Rescale);
        var condition = Assert.Single(plan.Conditions);
        Assert.Equal(("ScalingActive", "False", "FailedGetResourceMetric"), (condition.Type, condition.Status, condition.Reason));
        Assert.Equal("the HPA was unable to compute the replica count: failed to get memory usage: unable to get metrics for resource memory: boom", condition.Message);
    }

    [Theory]
    [InlineData("Pods", "FailedGetPodsMetric")]
    [InlineData("Object", "FailedGetObjectMetric")]
    [InlineData("External", "FailedGetExternalMetric")]
    [InlineData("Bogus", "InvalidMetricSourceType")]
    public void Metric_types_without_a_served_api_fail_with_upstreams_reason(string type, string reason)
    {
        var metric = new V2MetricSpec
        {
            Type = type,
            Pods = new V2PodsMetricSource { Metric = new V2MetricIdentifier { Name = "qps" } },
            ObjectProperty = new V2ObjectMetricSource { Metric = new V2MetricIdentifier { Name = "qps" } },
            External = new V2ExternalMetricSource { Metric = new V2MetricIdentifier { Name = "qps" } },
        };

        var plan = Plan(Spec(1, 10, metric), 2, Pods(2), new Dictionary<MetricQuery, MetricsFetch>());

        Assert.True(plan.MetricsFailed);
        Assert.Equal(reason, plan.Conditions.Single().Reason);
        Assert.StartsWith("invalid metrics (1 invalid out of 1), first error is: ", plan.MetricsError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "SelectorRequired", "the HPA target's scale is missing a selector")]
    [InlineData("app in (", "InvalidSelector", null)]
    public void A_target_without_a_usable_selector_cannot_be_measured(string? selector, string eventReason, string? message)
    {
        var plan = AutoscalerPlanner.Plan(Spec(1, 10, Cpu(50)), new ScaleSnapshot(2, 2, selector), () => _evaluator.Evaluate([Cpu(50)], new ScaleSnapshot(2, 2, selector), [], new Dictionary<MetricQuery, MetricsFetch>(), Now), new ScalingHistory(), TimeSpan.FromMinutes(5), Now);

        Assert.True(plan.MetricsFailed);
        Assert.Equal(eventReason, Assert.Single(plan.Events).Reason);
        Assert.Equal("InvalidSelector", plan.Conditions.Single().Reason);
        if (message is not null)
        {
            Assert.Equal(message, plan.Conditions.Single().Message);
        }
    }

    [Fact]
    public void Queries_name_each_resource_and_container_once()
    {
        var container = new V2MetricSpec { Type = "ContainerResource", ContainerResource = new V2ContainerResourceMetricSource { Name = "cpu", Container = "app", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 60 } } };

        var queries = MetricsEvaluator.Queries([Cpu(50), Cpu(70), container, Memory("1Gi")]);

        Assert.Equal([new MetricQuery("cpu", null), new MetricQuery("cpu", "app"), new MetricQuery("memory", null)], queries);
    }

    private AutoscalerPlan Plan(V2HorizontalPodAutoscalerSpec spec, int current, List<V1Pod> pods, Dictionary<MetricQuery, MetricsFetch> fetched)
    {
        var scale = new ScaleSnapshot(current, current, "app=web");
        return AutoscalerPlanner.Plan(spec, scale, () => _evaluator.Evaluate(spec.Metrics, scale, pods, fetched, Now), new ScalingHistory(), TimeSpan.FromMinutes(5), Now);
    }

    private static V2HorizontalPodAutoscalerSpec Spec(int min, int max, params V2MetricSpec[] metrics) => new()
    {
        ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
        MinReplicas = min,
        MaxReplicas = max,
        Metrics = metrics,
    };

    private static V2MetricSpec Cpu(int utilization) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = utilization } },
    };

    private static V2MetricSpec Memory(string averageValue) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = "memory", Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity(averageValue) } },
    };

    /// <summary>Running pods that have long been ready, requesting 100m cpu and 100 bytes of memory.</summary>
    private static List<V1Pod> Pods(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"web-{i}" },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "c", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("100") } } }],
            },
            Status = new V1PodStatus
            {
                Phase = "Running",
                StartTime = Now.AddHours(-1).UtcDateTime,
                Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Now.AddHours(-1).UtcDateTime }],
            },
        }),
    ];

    private static MetricsFetch Fetch(List<V1Pod> pods, long milli) =>
        MetricsFetch.Of(new PodResourceMetrics(pods.ToDictionary(p => p.Metadata.Name, _ => new PodMetric(milli, Now, TimeSpan.FromSeconds(15))), Now));
}
