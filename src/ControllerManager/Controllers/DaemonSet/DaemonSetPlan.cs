namespace Orchestrator.ControllerManager.Controllers.DaemonSet;

/// <summary>An event the controller should record on the DaemonSet.</summary>
internal sealed record DaemonSetEvent(string Type, string Reason, string Message);

/// <summary>
/// One sync of a DaemonSet: create a pod on each node of <see cref="CreateOn"/>, delete
/// <see cref="Delete"/>, then write <see cref="Status"/> (computed from the state before the actions,
/// as upstream does) and look again after <see cref="RequeueAfter"/> if set.
/// </summary>
internal sealed record DaemonSetPlan(
    IReadOnlyList<string> CreateOn,
    IReadOnlyList<V1Pod> Delete,
    V1DaemonSetStatus Status,
    IReadOnlyList<DaemonSetEvent> Events,
    TimeSpan? RequeueAfter);
