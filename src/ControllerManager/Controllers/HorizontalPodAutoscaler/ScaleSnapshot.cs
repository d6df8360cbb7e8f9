namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>What the target's scale subresource says: desired replicas, current replicas and the pod selector.</summary>
internal sealed record ScaleSnapshot(int SpecReplicas, int StatusReplicas, string? Selector);
