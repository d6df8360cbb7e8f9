namespace Orchestrator.Client;

/// <summary>
/// Runs one component (scheduler, controller manager, kubelet): its informers, event recorder and
/// controllers, optionally only while it holds a leader-election lease. Each term of leadership
/// starts from fresh informers, so a new leader never acts on a previous term's cache.
/// </summary>
public static partial class ComponentHost
{
    /// <summary>
    /// Builds the controllers with <paramref name="build"/> on a fresh <see cref="ControllerContext"/>,
    /// starts the informers they asked for and runs them all until <paramref name="ct"/> is cancelled
    /// (or leadership is lost, when <paramref name="election"/> is given; then it campaigns again).
    /// </summary>
    public static Task RunAsync(
        string component,
        IKubernetes client,
        ILoggerFactory loggers,
        Func<ControllerContext, IEnumerable<IController>> build,
        LeaderElectionOptions? election,
        CancellationToken ct,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        time ??= TimeProvider.System;
        if (election is null)
        {
            return RunTermAsync(component, client, loggers, build, time, null, ct);
        }

        var elector = new LeaderElector(client, election, loggers.CreateLogger("Orchestrator.LeaderElection." + component), time);
        return elector.RunAsync(token => RunTermAsync(component, client, loggers, build, time, election.Identity, token), ct);
    }

    private static async Task RunTermAsync(string component, IKubernetes client, ILoggerFactory loggers, Func<ControllerContext, IEnumerable<IController>> build, TimeProvider time, string? identity, CancellationToken ct)
    {
        await using var informers = new InformerFactory(client, loggers, time);
        await using var events = new EventRecorder(client, component, loggers.CreateLogger("Orchestrator.Events." + component), time, identity);
        var context = new ControllerContext(client, informers, events, loggers, time);
        var controllers = build(context).ToList();
        await informers.StartAsync(ct);
        var logger = loggers.CreateLogger("Orchestrator." + component);
        LogStarting(logger, component, controllers.Count);
        await Task.WhenAll(controllers.Select(c => RunOneAsync(c, logger, ct)));
    }

    private static async Task RunOneAsync(IController controller, ILogger logger, CancellationToken ct)
    {
        try
        {
            await controller.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception e)
        {
            LogControllerFailed(logger, e, controller.Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Component}: starting {Count} controllers")]
    private static partial void LogStarting(ILogger logger, string component, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Controller {Controller} stopped with an error")]
    private static partial void LogControllerFailed(ILogger logger, Exception e, string controller);
}
