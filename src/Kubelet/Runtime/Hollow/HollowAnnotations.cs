namespace Orchestrator.Kubelet.Runtime.Hollow;

/// <summary>Pod annotations that steer the hollow runtime's fake containers (for tests and benchmarks).</summary>
internal static class HollowAnnotations
{
    /// <summary>Seconds a container of a run-to-completion pod (restartPolicy Never/OnFailure) runs before exiting.</summary>
    public const string RunSeconds = "hollow.orchestrator.dev/run-seconds";

    /// <summary>The exit code such a container exits with (default 0).</summary>
    public const string ExitCode = "hollow.orchestrator.dev/exit-code";
}
