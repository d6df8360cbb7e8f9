namespace Orchestrator.ControllerManager.Controllers.PodGc;

/// <summary>
/// The pods to force-delete: terminated ones beyond the threshold, terminating ones never scheduled,
/// terminating ones on an out-of-service node, and (once their node's absence is confirmed) those bound
/// to nodes that no longer exist, grouped by node.
/// </summary>
internal sealed record PodGcPlan(
    IReadOnlyList<V1Pod> Terminated,
    IReadOnlyList<V1Pod> UnscheduledTerminating,
    IReadOnlyList<V1Pod> TerminatingOutOfService,
    IReadOnlyDictionary<string, IReadOnlyList<V1Pod>> OrphansByNode);
