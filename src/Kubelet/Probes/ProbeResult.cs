namespace Orchestrator.Kubelet.Probes;

/// <summary>One probe attempt: its outcome and the output shown in events (body, command output or error).</summary>
internal sealed record ProbeResult(ProbeOutcome Outcome, string Output)
{
    public static ProbeResult Success(string output = "") => new(ProbeOutcome.Success, output);

    public static ProbeResult Failure(string output) => new(ProbeOutcome.Failure, output);
}
