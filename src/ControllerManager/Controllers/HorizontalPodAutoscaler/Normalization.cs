namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The replica count after stabilization and limits, and the AbleToScale and ScalingLimited conditions that explain it.</summary>
internal sealed record Normalization(int Replicas, ConditionChange AbleToScale, ConditionChange ScalingLimited);
