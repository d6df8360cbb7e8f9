namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>The pods to delete now because of NoExecute taints, and when the next toleration runs out.</summary>
internal sealed record TaintEvictionPlan(IReadOnlyList<V1Pod> Evict, DateTime? NextCheck);
