namespace Orchestrator.Kubelet.Probes;

internal sealed partial class ProbeManager
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {PodUid} container {Container} ({ContainerId}): {Kind} probe now {Success}; status {Status}")]
    private partial void LogResultChanged(string podUid, string container, string containerId, ProbeKind kind, bool success, ProbeStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {PodUid} container {Container}: {Kind} probe failed: {Output}")]
    private partial void LogProbeFailed(string podUid, string container, ProbeKind kind, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {PodUid} container {Container}: {Kind} probe errored")]
    private partial void LogProbeErrored(Exception error, string podUid, string container, ProbeKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pod {PodUid}: the probe result callback threw")]
    private partial void LogCallbackFailed(Exception error, string podUid);
}
