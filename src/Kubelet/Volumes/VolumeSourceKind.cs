namespace Orchestrator.Kubelet.Volumes;

/// <summary>The API objects whose contents volumes project.</summary>
internal enum VolumeSourceKind
{
    ConfigMap,
    Secret,
}
