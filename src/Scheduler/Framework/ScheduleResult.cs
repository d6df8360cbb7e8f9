namespace Orchestrator.Scheduler.Framework;

/// <summary>Outcome of one scheduling attempt: a node, or the diagnosis and upstream-style message.</summary>
public sealed record ScheduleResult(string? SuggestedHost, int EvaluatedNodes, int FeasibleNodes, string? FailureMessage, Diagnosis? Diagnosis)
{
    public bool Succeeded => SuggestedHost is not null;

    /// <summary>The cycle's state, for the Reserve and PreBind plugins of a successful cycle.</summary>
    public CycleState? State { get; init; }
}
