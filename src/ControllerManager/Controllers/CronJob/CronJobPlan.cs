namespace Orchestrator.ControllerManager.Controllers.CronJob;

/// <summary>An event the controller should record on the CronJob.</summary>
internal sealed record CronJobEvent(string Type, string Reason, string Message);

/// <summary>
/// One sync of a CronJob: delete <see cref="DeleteJobs"/> (Replace policy and history limits),
/// create <see cref="Create"/> (then add it to status.active), write <see cref="Status"/> when
/// <see cref="StatusChanged"/> or a Job was created, and look again after <see cref="RequeueAfter"/>.
/// </summary>
internal sealed record CronJobPlan(
    V1Job? Create,
    IReadOnlyList<V1Job> DeleteJobs,
    V1CronJobStatus Status,
    bool StatusChanged,
    IReadOnlyList<CronJobEvent> Events,
    TimeSpan? RequeueAfter);
