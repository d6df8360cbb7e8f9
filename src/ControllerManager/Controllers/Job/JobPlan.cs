namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>An event the controller should record on the Job.</summary>
internal sealed record JobEvent(string Type, string Reason, string Message);

/// <summary>
/// What one sync of a Job should do, in order: delete <see cref="Delete"/> (removing the tracking
/// finalizer first for those in <see cref="DeleteWithoutFinalizer"/>), create <see cref="Create"/>,
/// write <see cref="Status"/> when <see cref="StatusChanged"/> (it records newly finished pods as
/// uncounted before their finalizers go), remove the tracking finalizer from
/// <see cref="RemoveFinalizer"/>, then finish the status with <see cref="JobStatusTracking.Finish"/>.
/// </summary>
internal sealed record JobPlan(
    IReadOnlyList<V1Pod> Create,
    IReadOnlyList<V1Pod> Delete,
    bool DeleteWithoutFinalizer,
    IReadOnlyList<V1Pod> RemoveFinalizer,
    V1JobStatus Status,
    bool StatusChanged,
    IReadOnlySet<string> UidsWithFinalizer,
    V1JobCondition? FinishedCondition,
    IReadOnlyList<JobEvent> Events,
    TimeSpan? RequeueAfter)
{
    public static JobPlan Nothing(V1JobStatus status) =>
        new([], [], false, [], status, false, new HashSet<string>(), null, [], null);
}
