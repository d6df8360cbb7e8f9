namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// A pod volume cannot even be resolved to what to mount (upstream's desired-state populator errors, e.g.
/// "error processing PVC ns/data: PVC is not bound"): the pod waits, and the volume manager reports it as
/// upstream's kubelet does, in one "Unable to attach or mount volumes" FailedMount event.
/// </summary>
internal sealed class VolumeProcessingException(string message, Exception? inner = null) : Exception(message, inner);
