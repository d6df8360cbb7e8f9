namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// The working copy of one deployment sync: the deployment (a copy, its status edited in memory as
/// upstream edits it between writes), its ReplicaSets as they are after this sync's writes, and
/// the revision the deployment should carry. Status and revision are written once, at the end.
/// </summary>
internal sealed class DeploymentSyncState(V1Deployment cached, List<V1ReplicaSet> replicaSets, DateTimeOffset now)
{
    public V1Deployment Cached { get; } = cached;

    public V1Deployment Deployment { get; } = ObjectCopy.Deep(cached);

    public string OriginalStatus { get; } = Canonical(cached.Status);

    public List<V1ReplicaSet> ReplicaSets { get; } = replicaSets;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The revision annotation the deployment should get, if it changes.</summary>
    public string? Revision { get; set; }

    public V1ReplicaSet? NewReplicaSet { get; set; }

    public IReadOnlyList<V1ReplicaSet> OldReplicaSets =>
        [.. ReplicaSets.Where(rs => NewReplicaSet is null || rs.Metadata.Uid != NewReplicaSet.Metadata.Uid)];

    /// <summary>Swaps in the server's copy of a ReplicaSet after a write.</summary>
    public void Replace(V1ReplicaSet updated)
    {
        var index = ReplicaSets.FindIndex(rs => rs.Metadata.Uid == updated.Metadata.Uid);
        if (index >= 0)
        {
            ReplicaSets[index] = updated;
        }
        else
        {
            ReplicaSets.Add(updated);
        }

        if (NewReplicaSet?.Metadata.Uid == updated.Metadata.Uid)
        {
            NewReplicaSet = updated;
        }
    }

    public bool StatusChanged(V1DeploymentStatus status) => Canonical(status) != OriginalStatus;

    private static string Canonical(V1DeploymentStatus? status)
    {
        if (status is null)
        {
            return "{}";
        }

        var copy = ObjectCopy.Deep(status);
        if (copy.Conditions is { Count: 0 })
        {
            copy.Conditions = null;
        }

        return KubernetesJson.Serialize(copy);
    }
}
