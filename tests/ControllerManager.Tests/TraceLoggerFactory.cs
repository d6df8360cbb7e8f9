using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.ControllerManager.Tests;

/// <summary>
/// Appends controller logs to the file named by ORCHESTRATOR_TEST_LOG when it is set (for
/// diagnosing a failing integration test); otherwise discards them.
/// </summary>
internal sealed class TraceLoggerFactory : ILoggerFactory
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_LOG");
    private static readonly Lock FileLock = new();

    public static ILoggerFactory Create() => Path is null ? NullLoggerFactory.Instance : new TraceLoggerFactory();

    public ILogger CreateLogger(string categoryName) => new FileLogger(categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class FileLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (FileLock)
            {
                File.AppendAllText(Path!, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}\n");
            }
        }
    }
}
