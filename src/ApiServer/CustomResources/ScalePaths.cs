namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// A CRD version's <c>subresources.scale</c>: the JSON paths (".spec.replicas") of the replicas the scale
/// subresource reads and writes, of the observed replicas, and of the label selector (null when absent).
/// </summary>
internal sealed record ScalePaths(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
