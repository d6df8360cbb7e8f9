namespace Orchestrator.Kubelet.Runtime.Hollow;

/// <summary>How the hollow runtime's fake containers behave.</summary>
public sealed record HollowRuntimeOptions
{
    /// <summary>How long a container of a run-to-completion pod runs before exiting (default 1 s).</summary>
    public TimeSpan JobRunTime { get; init; } = TimeSpan.FromSeconds(1);
}
