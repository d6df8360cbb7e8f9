namespace Orchestrator.Host.Commands;

/// <summary>
/// A join that cannot go on, with the reason for the user (exit code 1, no usage text). <see cref="Retriable"/>: a
/// failure discovery tries again until its timeout (the server unreachable or answering an error).
/// </summary>
internal sealed class JoinException(string message, bool retriable = false) : Exception(message)
{
    public bool Retriable { get; } = retriable;
}
