using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Orchestrator.Scheduler.Tests;

/// <summary>Routes component logs into the xunit test output (shown when a test fails).</summary>
internal sealed class TestOutputLoggerFactory(ITestOutputHelper output) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished.
            }
        }
    }
}
