namespace Orchestrator.Kubelet.Volumes;

/// <summary>A set-up pod's volumes: each volume's name and the host path that holds it.</summary>
internal sealed record PodVolumes(IReadOnlyDictionary<string, string> HostPaths);
