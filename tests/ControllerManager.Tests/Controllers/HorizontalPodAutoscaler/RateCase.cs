using k8s.Models;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// A behavior case without stabilization (both windows 0): the policies given (null: upstream's defaults), the select
/// policies, and the scale changes already made (replicas, seconds ago).
/// </summary>
public sealed record RateCase(string Name, int Min, int Max, int Current, int Proposed, int Expected, string Reason)
{
    public V2HPAScalingPolicy[]? Up { get; init; }

    public V2HPAScalingPolicy[]? Down { get; init; }

    public string UpSelect { get; init; } = "Max";

    public string DownSelect { get; init; } = "Max";

    public (int Replicas, int SecondsAgo)[] UpEvents { get; init; } = [];

    public (int Replicas, int SecondsAgo)[] DownEvents { get; init; } = [];

    public V2HorizontalPodAutoscalerBehavior Behavior() => new()
    {
        ScaleUp = new V2HPAScalingRules { StabilizationWindowSeconds = 0, SelectPolicy = UpSelect, Policies = Up },
        ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = 0, SelectPolicy = DownSelect, Policies = Down },
    };

    public override string ToString() => Name;
}
