namespace Orchestrator.KubeProxy.Backends.Iptables;

internal sealed partial class IptablesBackend
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Using iptables-{Flavor} (--iptables-backend {Requested})")]
    private static partial void LogFlavor(ILogger logger, string flavor, string requested);

    [LoggerMessage(Level = LogLevel.Information, Message = "Setting route_localnet=1 to allow node-ports on localhost; to change this disable localhost NodePorts")]
    private static partial void LogRouteLocalnet(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced iptables-{Flavor} rules (full {Full}): {Services} service ports, {Changed} rewritten, {Stale} stale chains deleted in {ElapsedMs:F1} ms")]
    private static partial void LogSynced(ILogger logger, string flavor, bool full, int services, int changed, int stale, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Tool} failed (full {Full}); the next sync is a full one: {Error}")]
    private static partial void LogRestoreFailed(ILogger logger, string tool, bool full, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed every KUBE-* chain and jump from iptables-{Flavor}")]
    private static partial void LogCleanedUp(ILogger logger, string flavor);
}
