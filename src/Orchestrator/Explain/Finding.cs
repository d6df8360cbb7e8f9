namespace Orchestrator.Host.Explain;

/// <summary>How much a finding matters: an Error keeps the pod from running or being Ready; a Warning may; Info explains.</summary>
internal enum Severity
{
    Error,
    Warning,
    Info,
}

/// <summary>One thing `explain` found: a one-line summary, the facts behind it, and what to do.</summary>
internal sealed record Finding(Severity Severity, string Summary, IReadOnlyList<string> Details, string? Advice);
