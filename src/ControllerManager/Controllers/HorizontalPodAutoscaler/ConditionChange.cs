namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>A condition to set on the autoscaler: type AbleToScale, ScalingActive or ScalingLimited.</summary>
internal sealed record ConditionChange(string Type, string Status, string Reason, string Message);
