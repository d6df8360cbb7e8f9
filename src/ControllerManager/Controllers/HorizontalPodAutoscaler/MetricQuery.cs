namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>One resource to sample for an autoscaler: whole pods, or one container of each (ContainerResource).</summary>
internal readonly record struct MetricQuery(string Resource, string? Container);
