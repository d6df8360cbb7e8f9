namespace Orchestrator.Kubelet.Probes;

/// <summary>
/// What the probes say about one container. <paramref name="LivenessFailed"/> is set when the liveness
/// probe, or the startup probe, failed failureThreshold times in a row: the container must be killed
/// and restarted according to the pod's restartPolicy.
/// </summary>
internal sealed record ProbeStatus(bool Ready, bool Started, bool LivenessFailed);
