namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// One direction of an autoscaler's behavior with every default applied (upstream's GenerateHPAScaleUpRules,
/// GenerateHPAScaleDownRules and maybeInitScaleDownStabilizationWindow): scale up without stabilization, the larger of
/// 4 pods or 100 % per 15 s; scale down stabilized over the controller's window, up to 100 % per 15 s.
/// </summary>
internal sealed record ScalingRules(int StabilizationWindowSeconds, string SelectPolicy, IReadOnlyList<V2HPAScalingPolicy> Policies)
{
    public const string Max = "Max";
    public const string Min = "Min";
    public const string Disabled = "Disabled";

    public static ScalingRules ScaleUp(V2HPAScalingRules? rules) => new(
        rules?.StabilizationWindowSeconds ?? 0,
        rules?.SelectPolicy ?? Max,
        rules?.Policies is { Count: > 0 } policies ? [.. policies] : [Policy("Pods", 4), Policy("Percent", 100)]);

    public static ScalingRules ScaleDown(V2HPAScalingRules? rules, TimeSpan defaultWindow) => new(
        rules?.StabilizationWindowSeconds ?? (int)defaultWindow.TotalSeconds,
        rules?.SelectPolicy ?? Max,
        rules?.Policies is { Count: > 0 } policies ? [.. policies] : [Policy("Percent", 100)]);

    /// <summary>The longest period of any policy: scale changes older than that no longer count.</summary>
    public int LongestPeriodSeconds => Policies.Count == 0 ? 0 : Policies.Max(p => p.PeriodSeconds);

    private static V2HPAScalingPolicy Policy(string type, int value) => new() { Type = type, Value = value, PeriodSeconds = 15 };
}
