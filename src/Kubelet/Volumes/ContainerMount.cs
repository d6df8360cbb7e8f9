namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// A bind mount of a container: the host path (symlinks resolved for subPaths), where it appears in
/// the container, whether it is read-only, and the volumeMount's mountPropagation (null when unset
/// or None; "HostToContainer" or "Bidirectional" otherwise).
/// </summary>
internal sealed record ContainerMount(string HostPath, string ContainerPath, bool ReadOnly, string? Propagation = null)
{
    /// <summary>The CRI <c>Mount</c> of a CreateContainer request.</summary>
    public Mount ToCri() => new()
    {
        HostPath = HostPath,
        ContainerPath = ContainerPath,
        Readonly = ReadOnly,
        Propagation = Propagation switch
        {
            "HostToContainer" => MountPropagation.PropagationHostToContainer,
            "Bidirectional" => MountPropagation.PropagationBidirectional,
            _ => MountPropagation.PropagationPrivate,
        },
    };
}
