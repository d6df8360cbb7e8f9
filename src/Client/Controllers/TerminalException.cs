namespace Orchestrator.Client;

/// <summary>Thrown by a reconcile whose failure retrying cannot fix: logged once, not requeued.</summary>
public sealed class TerminalException : Exception
{
    public TerminalException()
    {
    }

    public TerminalException(string message)
        : base(message)
    {
    }

    public TerminalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
