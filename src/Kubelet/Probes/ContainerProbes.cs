namespace Orchestrator.Kubelet.Probes;

/// <summary>Probe results and workers of one running container (one container id). Guarded by the manager's lock.</summary>
internal sealed class ContainerProbes(string podUid, RunningContainer running, V1Container spec)
{
    public string PodUid { get; } = podUid;

    public RunningContainer Running { get; } = running;

    public V1Container Spec { get; } = spec;

    public List<ProbeWorker> Workers { get; } = [];

    /// <summary>Readiness probe result; false until its first success (upstream's initial Failure).</summary>
    public bool ReadyResult { get; set; }

    /// <summary>Startup probe result; false until it succeeds.</summary>
    public bool StartedResult { get; set; }

    public bool LivenessFailed { get; set; }

    public bool Started => Spec.StartupProbe is null || StartedResult;

    public ProbeStatus Status => new(Started && (Spec.ReadinessProbe is null || ReadyResult), Started, LivenessFailed);

    /// <summary>The status of a container that has no probe results yet (before its first Sync).</summary>
    public static ProbeStatus Initial(V1Container spec) => new(spec.ReadinessProbe is null && spec.StartupProbe is null, spec.StartupProbe is null, false);
}
