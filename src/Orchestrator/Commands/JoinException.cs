namespace Orchestrator.Host.Commands;

/// <summary>A join that cannot go on, with the reason for the user (exit code 1, no usage text).</summary>
internal sealed class JoinException(string message) : Exception(message);
