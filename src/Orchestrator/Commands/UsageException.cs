namespace Orchestrator.Host.Commands;

/// <summary>The command line cannot be understood; the message says why.</summary>
internal sealed class UsageException(string message) : Exception(message);
