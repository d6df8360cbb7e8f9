namespace Orchestrator.Kubelet.Volumes;

/// <summary>The API objects whose contents volumes project.</summary>
public enum VolumeSourceKind
{
    ConfigMap,
    Secret,
}
