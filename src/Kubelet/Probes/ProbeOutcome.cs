namespace Orchestrator.Kubelet.Probes;

/// <summary>Upstream's probe results. Warning counts as success (e.g. an HTTP redirect to another host that was not followed).</summary>
internal enum ProbeOutcome
{
    Success,
    Warning,
    Failure,
}
