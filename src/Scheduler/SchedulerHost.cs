using Orchestrator.Client;
using Orchestrator.Scheduler.Service;

namespace Orchestrator.Scheduler;

/// <summary>Entry point for hosts: builds the scheduler as an <see cref="IController"/>.</summary>
public static class SchedulerHost
{
    /// <summary>
    /// Creates the scheduler and registers its informers (pods, nodes, namespaces) on <paramref name="context"/>'s
    /// factory. The host must then start the factory (<c>context.Informers.StartAsync</c>) and run the controller
    /// (normally inside leader election); <see cref="IController.RunAsync"/> waits for the informers to sync.
    /// </summary>
    public static IController Create(ControllerContext context, SchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        options ??= new SchedulerOptions();
        options.Validate();
        return new SchedulerService(context, options);
    }
}
