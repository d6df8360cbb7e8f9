namespace Orchestrator.Client.Processes;

/// <summary>The outcome of one host command: exit code and captured output.</summary>
public sealed record HostCommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
