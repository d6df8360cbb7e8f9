namespace Orchestrator.ControllerManager;

/// <summary>The controller manager component: the enabled controllers of <see cref="ControllerCatalog"/>, under leader election.</summary>
public static class ControllerManagerHost
{
    public const string LeaseName = "kube-controller-manager";

    /// <summary>Names of every controller available.</summary>
    public static IEnumerable<string> ControllerNames => ControllerCatalog.All.Select(c => c.Name);

    public static Task RunAsync(IKubernetes client, ILoggerFactory loggers, ControllerManagerOptions options, CancellationToken ct, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var election = options.LeaderElect ? new LeaderElectionOptions(LeaseName, options.Identity) : null;
        return ComponentHost.RunAsync(
            "controller-manager",
            client,
            loggers,
            context => ControllerCatalog.All.Where(c => options.Enabled(c.Name)).Select(c => c.Create(context with { Events = context.Events.For(c.EventSource) }, options)),
            election,
            ct,
            time);
    }
}
