namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// A pod volume cannot be set up (a missing non-optional configMap or secret, a failed hostPath
/// type check, an unsupported volume kind). The message is upstream's; the pod's containers do
/// not start until a later sync succeeds.
/// </summary>
internal sealed class VolumeSetupException(string message, Exception? inner = null) : Exception(message, inner);
