namespace Orchestrator.Kubelet.Runtime;

/// <summary>
/// What a pod sync knows of the pod's node: its name, its InternalIP (the IP of hostNetwork pods),
/// its podCIDR (null until the node IPAM controller assigns one; pods that are not hostNetwork wait
/// for it) and the pod IPs the API already records on the node (read only by a runtime that hands
/// out IPs itself, when it first sees the node: a restarted kubelet keeps them).
/// </summary>
public sealed record NodeNetwork(string NodeName, string HostIp, string? PodCidr, Func<IEnumerable<KeyValuePair<string, string>>> AssignedPodIps);
