namespace Orchestrator.Kubelet.Probes;

/// <summary>The three probe types; the names are upstream's, as they appear in event messages.</summary>
internal enum ProbeKind
{
    Liveness,
    Readiness,
    Startup,
}
