namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>A scale up or down by <paramref name="Replicas"/> pods at a time; outdated once older than the longest policy period.</summary>
internal sealed record ScaleChange(int Replicas, DateTimeOffset Time, bool Outdated = false);
