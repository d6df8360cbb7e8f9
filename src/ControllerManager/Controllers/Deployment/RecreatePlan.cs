namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// One step of a Recreate rollout: scale old ReplicaSets down (<see cref="ScaleDown"/>), or once no
/// old pod runs any more, create the new ReplicaSet if needed and scale it to <c>spec.replicas</c>
/// (<see cref="ScaleUpNew"/>).
/// </summary>
internal sealed record RecreatePlan(IReadOnlyList<ScaleStep> ScaleDown, bool ScaleUpNew);
