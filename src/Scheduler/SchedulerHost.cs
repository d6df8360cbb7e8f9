using Microsoft.Extensions.Logging;
using Orchestrator.Client;
using Orchestrator.Scheduler.Service;

namespace Orchestrator.Scheduler;

/// <summary>Entry points for hosts: the scheduler as an <see cref="IController"/>, or as a whole component.</summary>
public static class SchedulerHost
{
    public const string LeaseName = "kube-scheduler";

    /// <summary>
    /// Creates the scheduler and registers its informers (pods, nodes, namespaces) on <paramref name="context"/>'s
    /// factory. The host must then start the factory (<c>context.Informers.StartAsync</c>) and run the controller;
    /// <see cref="IController.RunAsync"/> waits for the informers to sync. Events should be recorded with the
    /// scheduler name as source component (upstream: "default-scheduler").
    /// </summary>
    public static IController Create(ControllerContext context, SchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        options ??= new SchedulerOptions();
        options.Validate();
        return new SchedulerService(context, options);
    }

    /// <summary>
    /// Runs the scheduler component until <paramref name="ct"/> is cancelled: under the kube-system/kube-scheduler
    /// Lease when <see cref="SchedulerOptions.LeaderElect"/>, with events from the scheduler name (as upstream).
    /// </summary>
    public static Task RunAsync(IKubernetes client, ILoggerFactory loggers, SchedulerOptions options, CancellationToken ct, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var election = options.LeaderElect ? new LeaderElectionOptions(LeaseName, options.Identity) : null;
        return ComponentHost.RunAsync(options.SchedulerName, client, loggers, context => [Create(context, options)], election, ct, time);
    }
}
