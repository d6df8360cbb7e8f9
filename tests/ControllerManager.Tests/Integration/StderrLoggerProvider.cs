using Microsoft.Extensions.Logging;

namespace Orchestrator.ControllerManager.Tests.Integration;

/// <summary>Writes controller logs to stderr when ORCHESTRATOR_TEST_LOG is set, to debug an integration test.</summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
