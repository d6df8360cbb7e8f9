namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>What the local-path provisioner of one node does in one pass (<see cref="LocalPathPlanner.Plan"/>).</summary>
internal sealed record LocalPathPlan(IReadOnlyList<ProvisionVolume> Provision, IReadOnlyList<RejectClaim> Reject, IReadOnlyList<DeleteVolume> Delete)
{
    public bool IsEmpty => Provision.Count == 0 && Reject.Count == 0 && Delete.Count == 0;
}
