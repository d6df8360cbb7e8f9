namespace Orchestrator.Kubelet.Volumes;

/// <summary>A configMap or secret a pod's volumes project, by namespace and name.</summary>
internal readonly record struct VolumeSourceRef(VolumeSourceKind Kind, string Namespace, string Name);
