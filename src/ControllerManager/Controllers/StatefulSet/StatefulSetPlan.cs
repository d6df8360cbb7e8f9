namespace Orchestrator.ControllerManager.Controllers.StatefulSet;

/// <summary>
/// One sync of a StatefulSet: create <see cref="Claims"/> (missing ones only), then
/// <see cref="Create"/> pods, delete <see cref="Delete"/>, then write <see cref="Status"/>.
/// <see cref="Waiting"/> says which pod the ordered rollout waits for, if any.
/// </summary>
internal sealed record StatefulSetPlan(
    IReadOnlyList<V1PersistentVolumeClaim> Claims,
    IReadOnlyList<V1Pod> Create,
    IReadOnlyList<V1Pod> Delete,
    V1StatefulSetStatus Status,
    string? Waiting);
