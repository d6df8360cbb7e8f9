namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>What one ReplicaSet sync should do.</summary>
/// <param name="Adopt">Orphan pods matching the selector to take ownership of.</param>
/// <param name="Release">Owned pods that no longer match the selector, to let go.</param>
/// <param name="Active">The active pods the ReplicaSet controls once the claims are applied.</param>
/// <param name="ManageReplicas">Whether replicas are managed in this sync (expectations met, not being deleted).</param>
/// <param name="Create">How many pods to create (already capped at the burst size).</param>
/// <param name="Delete">Which pods to delete, the best candidates first.</param>
internal sealed record ReplicaSetPlan(
    IReadOnlyList<V1Pod> Adopt,
    IReadOnlyList<V1Pod> Release,
    IReadOnlyList<V1Pod> Active,
    bool ManageReplicas,
    int Create,
    IReadOnlyList<V1Pod> Delete)
{
    /// <summary>Active pods minus desired replicas: negative when short, positive when over.</summary>
    public int Diff { get; init; }
}
