namespace Orchestrator.Host.Commands;

/// <summary>
/// What a standalone component command (scheduler, controller-manager, kubelet) holds while its component runs:
/// the <c>--metrics-bind-address</c> listener, the tracer of the <c>--otlp-*</c> flags, a console logger factory
/// and the token Ctrl-C or SIGTERM cancels. Dispose to stop them, in the reverse order of their start.
/// </summary>
internal sealed class ComponentProcess : IDisposable
{
    private readonly IDisposable? _metrics;
    private readonly IDisposable? _tracer;
    private readonly CancellationTokenSource _shutdown;

    private ComponentProcess(IDisposable? metrics, IDisposable? tracer)
    {
        _metrics = metrics;
        _tracer = tracer;
        Loggers = ClientArguments.Loggers(LogLevel.Information);
        _shutdown = ClientArguments.ShutdownToken();
    }

    public ILoggerFactory Loggers { get; }

    /// <summary>Cancelled by Ctrl-C or SIGTERM.</summary>
    public CancellationToken Shutdown => _shutdown.Token;

    /// <summary>Starts serving metrics and tracing as <paramref name="parsed"/> asks.</summary>
    /// <param name="serviceName">The process's tracing <c>service.name</c> (<c>kube-scheduler</c>, <c>kubelet</c>, …).</param>
    public static async Task<ComponentProcess> StartAsync(ParseResult parsed, TextWriter output, string serviceName)
    {
        var metricsAddress = MetricsListener.Address(parsed);
        var tracing = TracingArguments.From(parsed);
        var metrics = await MetricsListener.StartAsync(metricsAddress, output);
        try
        {
            return new ComponentProcess(metrics, Client.Tracing.TracingSetup.Start(tracing, serviceName));
        }
        catch
        {
            metrics?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _shutdown.Dispose();
        Loggers.Dispose();
        _tracer?.Dispose();
        _metrics?.Dispose();
    }
}
