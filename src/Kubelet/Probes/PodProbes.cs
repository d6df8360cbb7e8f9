namespace Orchestrator.Kubelet.Probes;

/// <summary>The latest pod object and pod IP seen by Sync, and the probed containers by id. Guarded by the manager's lock.</summary>
internal sealed class PodProbes(V1Pod pod, string podIp)
{
    public V1Pod Pod { get; set; } = pod;

    public string PodIp { get; set; } = podIp;

    public Dictionary<string, ContainerProbes> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>The spec of a regular container, or of a restartable init container (sidecar), by name.</summary>
    public V1Container? SpecOf(string name) =>
        Pod.Spec?.Containers?.FirstOrDefault(c => c.Name == name)
        ?? Pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == name && c.RestartPolicy == "Always");
}
