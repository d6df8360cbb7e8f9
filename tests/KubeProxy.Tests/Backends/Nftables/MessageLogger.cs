using Microsoft.Extensions.Logging;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables;

/// <summary>Keeps every message logged through it, to assert on a backend's warnings.</summary>
internal sealed class MessageLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages)
        {
            Messages.Add((logLevel, formatter(state, exception)));
        }
    }
}
