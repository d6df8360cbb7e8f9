using k8s.Models;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// Upstream's normalizeDesiredReplicas / normalizeDesiredReplicasWithBehaviors examples (horizontal_test.go
/// TestScalingWithRules, TestNormalizeDesiredReplicasWithBehaviors, stabilization and rate cases): stabilization over
/// the recorded recommendations, behavior policies over the recorded scale events, min/max and the scale-up limit.
/// </summary>
public sealed class ScaleNormalizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>(name, min, max, current, proposed, expected, ScalingLimited reason).</summary>
    [Theory]
    [InlineData("within range", 1, 10, 5, 7, 7, "DesiredWithinRange")]
    [InlineData("above max", 3, 10, 5, 15, 10, "TooManyReplicas")]
    [InlineData("below min", 3, 10, 5, 2, 3, "TooFewReplicas")]
    [InlineData("doubling at most", 1, 100, 3, 20, 6, "ScaleUpLimit")]
    [InlineData("at least four", 1, 100, 1, 10, 4, "ScaleUpLimit")]
    [InlineData("max below the scale-up limit", 1, 5, 3, 20, 5, "TooManyReplicas")]
    public void Without_behavior_min_max_and_the_scale_up_limit_apply(string name, int min, int max, int current, int proposed, int expected, string reason)
    {
        var result = ScaleNormalizer.Normalize(null, new ScalingHistory(), current, proposed, min, max, DefaultWindow, Now);

        Assert.True(expected == result.Replicas, $"{name}: {result.Replicas}");
        Assert.Equal(reason, result.ScalingLimited.Reason);
        Assert.Equal(expected == proposed ? "False" : "True", result.ScalingLimited.Status);
        Assert.Equal("ReadyForNewScale", result.AbleToScale.Reason);
    }

    [Fact]
    public void Without_behavior_a_scale_down_waits_for_the_highest_recommendation_of_the_window()
    {
        var history = new ScalingHistory();
        history.Recommendations.Add(new TimestampedRecommendation(5, Now.AddMinutes(-1)));

        var stabilized = ScaleNormalizer.Normalize(null, history, 5, 2, 1, 10, DefaultWindow, Now);
        var later = ScaleNormalizer.Normalize(null, history, 5, 2, 1, 10, DefaultWindow, Now.AddMinutes(5));

        Assert.Equal((5, "ScaleDownStabilized"), (stabilized.Replicas, stabilized.AbleToScale.Reason));
        Assert.Equal("recent recommendations were higher than current one, applying the highest recent recommendation", stabilized.AbleToScale.Message);
        Assert.Equal((2, "ReadyForNewScale"), (later.Replicas, later.AbleToScale.Reason));
        Assert.Equal(2, history.Recommendations.Count); // the outdated 5 was overwritten in place
    }

    public static TheoryData<RateCase> RateCases { get; } =
    [
        new("scaleUp with default behavior", 1, 1000, 10, 50, 20, "ScaleUpLimit"),
        new("scaleUp with pods policy larger than percent policy", 1, 1000, 10, 500, 110, "ScaleUpLimit") { Up = [Pods(100, 60), Percent(100, 60)] },
        new("scaleUp with percent policy larger than pods policy", 1, 1000, 10, 500, 20, "ScaleUpLimit") { Up = [Pods(2, 60), Percent(100, 60)] },
        new("scaleUp with spec MaxReplicas limitation with large pod policy", 1, 10, 5, 50, 10, "TooManyReplicas") { Up = [Pods(100, 60)] },
        new("scaleUp with pod policy limitation", 1, 1000, 10, 50, 40, "ScaleUpLimit") { Up = [Pods(30, 60)] },
        new("scaleUp with percent policy limitation", 1, 1000, 10, 50, 30, "ScaleUpLimit") { Up = [Percent(200, 60)] },
        new("scaleUp Min select policy takes the smaller change", 1, 1000, 10, 500, 12, "ScaleUpLimit") { Up = [Pods(2, 60), Percent(100, 60)], UpSelect = "Min" },
        new("scaleUp Disabled", 1, 1000, 10, 500, 10, "ScaleUpLimit") { UpSelect = "Disabled" },
        new("scaleUp counts pods added within the period", 1, 1000, 20, 100, 25, "ScaleUpLimit") { Up = [Pods(15, 60)], UpEvents = [(10, 30)] },
        new("scaleUp forgets pods added before the period", 1, 1000, 20, 100, 35, "ScaleUpLimit") { Up = [Pods(15, 60)], UpEvents = [(10, 90)] },
        new("scaleUp with behavior (upstream's TestNormalizeDesiredReplicasWithBehaviors)", 1, 10, 5, 15, 10, "TooManyReplicas") { Up = [Percent(200, 60)] },
        new("scaleDown with percent policy larger than pod policy", 1, 1000, 100, 2, 80, "ScaleDownLimit") { Down = [Pods(20, 60), Percent(1, 60)], DownSelect = "Max" },
        new("scaleDown with pod policy larger than percent policy", 1, 1000, 100, 2, 98, "ScaleDownLimit") { Down = [Pods(2, 60), Percent(1, 60)] },
        new("scaleDown with spec MinReplicas limitation with large pod policy", 1, 1000, 10, 0, 1, "TooFewReplicas") { Down = [Pods(100, 60)] },
        new("scaleDown with pod policy limitation", 1, 1000, 10, 1, 5, "ScaleDownLimit") { Down = [Pods(5, 60)] },
        new("scaleDown with percent policy limitation", 1, 1000, 10, 5, 5, "DesiredWithinRange") { Down = [Percent(50, 60)] },
        new("scaleDown with behavior (upstream's TestNormalizeDesiredReplicasWithBehaviors)", 1, 10, 8, 2, 4, "ScaleDownLimit") { Down = [Percent(50, 60)] },
        new("scaleDown Min select policy takes the smaller change", 1, 1000, 100, 2, 99, "ScaleDownLimit") { Down = [Pods(20, 60), Percent(1, 60)], DownSelect = "Min" },
        new("scaleDown Disabled", 1, 1000, 10, 1, 10, "ScaleDownLimit") { DownSelect = "Disabled" },
        new("scaleDown counts pods removed within the period", 1, 1000, 50, 10, 30, "ScaleDownLimit") { Down = [Percent(50, 60)], DownEvents = [(10, 30)] },
    ];

    [Theory]
    [MemberData(nameof(RateCases))]
    public void Behavior_policies_limit_the_rate_as_upstream(RateCase c)
    {
        var history = new ScalingHistory();
        history.ScaleUps.AddRange(c.UpEvents.Select(e => new ScaleChange(e.Replicas, Now.AddSeconds(-e.SecondsAgo))));
        history.ScaleDowns.AddRange(c.DownEvents.Select(e => new ScaleChange(e.Replicas, Now.AddSeconds(-e.SecondsAgo))));

        var result = ScaleNormalizer.Normalize(c.Behavior(), history, c.Current, c.Proposed, c.Min, c.Max, DefaultWindow, Now);

        Assert.Equal(c.Expected, result.Replicas);
        Assert.Equal(c.Reason, result.ScalingLimited.Reason);
        Assert.Equal(c.Expected == c.Proposed ? "False" : "True", result.ScalingLimited.Status);
    }

    /// <summary>Upstream's TestStabilizeRecommendationWithBehaviors: up window 5 min (lowest wins), down window 10 min (highest wins).</summary>
    [Theory]
    [InlineData("scale up stabilized", 5, 10, new[] { 8, 7 }, new[] { 120, 240 }, 7, "ScaleUpStabilized")]
    [InlineData("scale down stabilized", 8, 3, new[] { 5, 4 }, new[] { 300, 480 }, 5, "ScaleDownStabilized")]
    [InlineData("no change needed", 5, 5, new[] { 5 }, new[] { 60 }, 5, "ReadyForNewScale")]
    [InlineData("recommendations older than the window do not count", 5, 10, new[] { 6 }, new[] { 400 }, 10, "ReadyForNewScale")]
    public void Stabilization_windows_pick_the_safest_recent_recommendation(string name, int current, int proposed, int[] recommended, int[] secondsAgo, int expected, string reason)
    {
        var history = new ScalingHistory();
        history.Recommendations.AddRange(recommended.Select((r, i) => new TimestampedRecommendation(r, Now.AddSeconds(-secondsAgo[i]))));
        var behavior = new V2HorizontalPodAutoscalerBehavior
        {
            ScaleUp = new V2HPAScalingRules { StabilizationWindowSeconds = 300, Policies = [Pods(100, 15)] },
            ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = 600, Policies = [Percent(100, 15)] },
        };

        var result = ScaleNormalizer.Normalize(behavior, history, current, proposed, 1, 100, DefaultWindow, Now);

        Assert.True((expected, reason) == (result.Replicas, result.AbleToScale.Reason), $"{name}: {result.Replicas} {result.AbleToScale.Reason}");
        Assert.Contains(history.Recommendations, r => r.Replicas == proposed && r.Time == Now);
    }

    [Fact]
    public void A_scale_down_rule_without_a_window_takes_the_controllers_downscale_stabilization()
    {
        var history = new ScalingHistory();
        history.Recommendations.Add(new TimestampedRecommendation(6, Now.AddSeconds(-20)));
        var behavior = new V2HorizontalPodAutoscalerBehavior { ScaleDown = new V2HPAScalingRules { Policies = [Percent(100, 15)] } };

        var held = ScaleNormalizer.Normalize(behavior, history, 6, 2, 1, 10, TimeSpan.FromSeconds(30), Now);
        var released = ScaleNormalizer.Normalize(behavior, history, 6, 2, 1, 10, TimeSpan.FromSeconds(30), Now.AddSeconds(15));

        Assert.Equal(6, held.Replicas);
        Assert.Equal(2, released.Replicas);
    }

    [Fact]
    public void Scale_events_are_stored_by_direction_and_outdated_ones_reused()
    {
        var behavior = new V2HorizontalPodAutoscalerBehavior { ScaleUp = new V2HPAScalingRules { Policies = [Pods(4, 60)] } };
        var history = new ScalingHistory();

        ScaleNormalizer.StoreScaleEvent(behavior, history, 5, 10, DefaultWindow, Now.AddSeconds(-120));
        ScaleNormalizer.StoreScaleEvent(behavior, history, 10, 12, DefaultWindow, Now);
        ScaleNormalizer.StoreScaleEvent(behavior, history, 12, 8, DefaultWindow, Now);
        ScaleNormalizer.StoreScaleEvent(null, history, 8, 20, DefaultWindow, Now);

        Assert.Equal([new ScaleChange(2, Now)], history.ScaleUps);
        Assert.Equal([new ScaleChange(4, Now)], history.ScaleDowns);
    }

    private static V2HPAScalingPolicy Pods(int value, int period) => new() { Type = "Pods", Value = value, PeriodSeconds = period };

    private static V2HPAScalingPolicy Percent(int value, int period) => new() { Type = "Percent", Value = value, PeriodSeconds = period };
}
