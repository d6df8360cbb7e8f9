using k8s.Models;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>Upstream's worked examples of replica_calculator_test.go, with its testing tolerance (0.1), CPU initialization period (2 min) and readiness delay (10 s).</summary>
public sealed class ReplicaCalculatorTests
{
    private static readonly long[] Cpu3 = [1000, 1000, 1000];
    private static readonly long[] Cpu4 = [1000, 1000, 1000, 1000];
    private static readonly long[] Cpu5 = [1000, 1000, 1000, 1000, 1000];
    private static readonly long[] Cpu7 = [1000, 1000, 1000, 1000, 1000, 1000, 1000];

    private readonly ReplicaCalculator _calculator = new(new HorizontalPodAutoscalerOptions
    {
        CpuInitializationPeriod = TimeSpan.FromMinutes(2),
        InitialReadinessDelay = TimeSpan.FromSeconds(10),
    });

    public static TheoryData<CalculatorCase> UtilizationCases { get; } =
    [
        new("ScaleUp", 3, 5, Cpu3, [300, 500, 700], 30, 50, 1000),
        new("ScaleUpUnreadyLessScale", 3, 4, Cpu3, [300, 500, 700], 30, 60, 1200) { Readiness = "FTT" },
        new("ScaleUpHotCpuLessScale", 3, 4, Cpu3, [300, 500, 700], 30, 60, 1200) { Starts = "hcc" },
        new("ScaleUpUnreadyNoScale", 3, 3, Cpu3, [400, 500, 700], 30, 40, 800) { Readiness = "TFF" },
        new("ScaleHotCpuNoScale", 3, 3, Cpu3, [400, 500, 700], 30, 40, 800) { Readiness = "TFF", Starts = "chh" },
        new("ScaleUpIgnoresFailedPods", 2, 4, Cpu4, [500, 700], 30, 60, 1200) { Readiness = "TTFF", Phases = "RRFF" },
        new("ScaleUpIgnoresDeletionPods", 2, 4, Cpu4, [500, 700], 30, 60, 1200) { Readiness = "TTFF", Phases = "RRRR", Deleting = "--dd" },
        new("ScaleDown", 5, 3, Cpu5, [100, 300, 500, 250, 250], 50, 28, 560),
        new("ScaleDownIncludeUnreadyPods", 5, 2, Cpu5, [100, 300, 500, 250, 250], 50, 30, 600) { Readiness = "TTTFF" },
        new("ScaleDownExcludeUnscheduledPods", 5, 1, Cpu5, [100], 50, 10, 200) { Readiness = "TFFFF", Phases = "RPPPP" },
        new("ScaleDownIgnoreHotCpuPods", 5, 2, Cpu5, [100, 300, 500, 250, 250], 50, 30, 600) { Starts = "ccchh" },
        new("ScaleDownIgnoresFailedPods", 5, 3, Cpu7, [100, 300, 500, 250, 250], 50, 28, 560) { Readiness = "TTTTTFF", Phases = "RRRRRFF" },
        new("ScaleDownIgnoresDeletionPods", 5, 3, Cpu7, [100, 300, 500, 250, 250], 50, 28, 560) { Readiness = "TTTTTFF", Phases = "RRRRRRR", Deleting = "-----dd" },
        new("Tolerance", 3, 3, [900, 1000, 1100], [1010, 1030, 1020], 100, 102, 2040),
        new("SuperfluousMetrics", 4, 24, Cpu4, [4000, 9500, 3000, 7000, 3200, 2000], 100, 587, 11750),
        new("MissingMetrics", 4, 3, Cpu4, [400, 95], 100, 24, 495),
        new("MissingMetricsNoChangeEq", 2, 2, [1000, 1000], [1000], 100, 100, 2000),
        new("MissingMetricsNoChangeGt", 2, 2, [1000, 1000], [1900], 100, 190, 3800),
        new("MissingMetricsNoChangeLt", 2, 2, [1000, 1000], [600], 100, 60, 1200),
        new("MissingMetricsUnreadyChange", 3, 3, Cpu3, [100, 450], 50, 45, 900) { Readiness = "FTT" },
        new("MissingMetricsHotCpuNoChange", 3, 3, Cpu3, [100, 450], 50, 45, 900) { Starts = "hcc" },
        new("MissingMetricsUnreadyScaleUp", 3, 4, Cpu3, [100, 2000], 50, 200, 4000) { Readiness = "FTT" },
        new("MissingMetricsHotCpuScaleUp", 3, 4, Cpu3, [100, 2000], 50, 200, 4000) { Readiness = "FTT", Starts = "hcc" },
        new("MissingMetricsUnreadyScaleDown", 4, 3, Cpu4, [100, 100, 100], 50, 10, 200) { Readiness = "FTTT" },
        new("DuringRollingUpdateWithMaxSurge", 2, 2, Cpu3, [100, 100], 50, 10, 200) { Phases = "RRR" },
    ];

    [Theory]
    [MemberData(nameof(UtilizationCases))]
    public void Utilization_proposals_match_upstreams_worked_examples(CalculatorCase c)
    {
        var proposal = _calculator.Utilization(c.Current, c.Target, "cpu", null, c.Pods("cpu"), c.Metrics(), CalculatorCase.Now);

        Assert.Equal(c.Expected, proposal.Replicas);
        Assert.Equal(c.ExpectedUtilization, proposal.Utilization);
        Assert.Equal(c.ExpectedValue, proposal.AverageValue);
        Assert.Equal(CalculatorCase.Now, proposal.Timestamp);
    }

    [Fact]
    public void A_container_without_a_request_is_named_in_the_error()
    {
        var c = new CalculatorCase("EmptyCPURequest", 1, 0, [], [200], 100, 0, 0);

        var e = Assert.Throws<ReplicaCalculationException>(() => _calculator.Utilization(1, 100, "cpu", null, c.Pods("cpu"), c.Metrics(), CalculatorCase.Now));

        Assert.Equal("missing request for cpu in container container0 of Pod test-pod-0", e.Message);
    }

    [Fact]
    public void Samples_of_pods_that_are_not_selected_are_an_error()
    {
        var c = new CalculatorCase("DisjointResourcesMetrics", 1, 0, [1000], [100], 100, 0, 0) { MetricPodNames = ["an-older-pod-name"] };

        var e = Assert.Throws<ReplicaCalculationException>(() => _calculator.Utilization(1, 100, "cpu", null, c.Pods("cpu"), c.Metrics(), CalculatorCase.Now));

        Assert.Equal("no metrics returned matched known pods", e.Message);
    }

    [Fact]
    public void No_usable_sample_is_an_error()
    {
        var c = new CalculatorCase("AllUnready", 2, 0, [1000, 1000], [100, 100], 50, 0, 0) { Phases = "PP" };

        var e = Assert.Throws<ReplicaCalculationException>(() => _calculator.Utilization(2, 50, "cpu", null, c.Pods("cpu"), c.Metrics(), CalculatorCase.Now));

        Assert.Equal("did not receive metrics for targeted pods (pods might be unready)", e.Message);
    }

    [Fact]
    public void A_container_resource_counts_only_the_named_containers_request()
    {
        var c = new CalculatorCase("Container", 3, 5, Cpu3, [300, 500, 700], 60, 0, 0);

        // Samples of one container (the level), against one container's request: the same 50 % as the whole pod.
        var metrics = new PodResourceMetrics(c.Metrics().Pods.ToDictionary(p => p.Key, p => p.Value with { Value = p.Value.Value / 2 }), CalculatorCase.Now);
        var proposal = _calculator.Utilization(3, 30, "cpu", "container1", c.Pods("cpu"), metrics, CalculatorCase.Now);

        Assert.Equal((5, 50, 500L), (proposal.Replicas, proposal.Utilization!.Value, proposal.AverageValue));
    }

    /// <summary>Upstream's custom-metric cases run the same plain-value path as a Resource AverageValue target (no readiness rule for memory).</summary>
    [Theory]
    [InlineData("ScaleUpCM", 3, new long[] { 20000, 10000, 30000 }, 15000, "", 4, 20000)]
    [InlineData("ScaleUpCMUnreadyHotCpuNoLessScale", 3, new long[] { 50000, 10000, 30000 }, 15000, "TTF", 6, 30000)]
    [InlineData("ScaleDownCM", 5, new long[] { 12000, 12000, 12000, 12000, 12000 }, 20000, "", 3, 12000)]
    [InlineData("ToleranceCM", 3, new long[] { 20000, 21000, 21000 }, 20000, "", 3, 20666)]
    [InlineData("MissingSampleScalingDownCountsAsTarget", 4, new long[] { 1000, 1000, 1000 }, 4000, "", 2, 1000)]
    public void Average_value_proposals_match_upstreams_worked_examples(string name, int current, long[] values, long target, string readiness, int expected, long expectedAverage)
    {
        var pods = Enumerable.Range(0, current).Select(i => new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"test-pod-{i}" },
            Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = i < readiness.Length && readiness[i] == 'F' ? "False" : "True" }] },
        }).ToList();
        var metrics = new PodResourceMetrics(values.Select((v, i) => (i, v)).ToDictionary(p => $"test-pod-{p.i}", p => new PodMetric(p.v, CalculatorCase.Now, TimeSpan.FromMinutes(1))), CalculatorCase.Now);

        var proposal = _calculator.AverageValue(current, target, "memory", pods, metrics, CalculatorCase.Now);

        Assert.True((expected, expectedAverage) == (proposal.Replicas, proposal.AverageValue), $"{name}: got {proposal.Replicas} replicas at {proposal.AverageValue}");
        Assert.Null(proposal.Utilization);
    }
}
