using Orchestrator.Client;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>A pod whose volumes are set up: its uid and its key.</summary>
internal readonly record struct VolumePodRef(string Uid, NamespacedName Pod);
