namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>
/// Where the local-path provisioner of one node keeps its volumes: <paramref name="StorageRoot"/>, by default
/// <c>&lt;kubelet root&gt;/storage</c>; <paramref name="NodeName"/> is the node it serves (claims whose selected node
/// it is, volumes whose node affinity names it).
/// </summary>
public sealed record LocalPathOptions(string NodeName, string StorageRoot)
{
    /// <summary>How often every claim and volume is looked at again without a change (a missed directory, a retried failure).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(5);
}
