namespace Orchestrator.KubeProxy.Backends.Hns;

internal sealed partial class HnsBackend
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Synced HNS network {Network}: {LoadBalancers} load balancers, {RemoteEndpoints} remote endpoints, {Stale} deletions pending in {ElapsedMs:F1} ms")]
    private static partial void LogSynced(ILogger logger, string network, int loadBalancers, int remoteEndpoints, int stale, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HNS network {Network} changed from {Old} to {New}: forgetting everything programmed on the old one")]
    private static partial void LogNetworkChanged(ILogger logger, string network, string old, string @new);

    [LoggerMessage(Level = LogLevel.Error, Message = "Local endpoint {Ip} has no HNS endpoint on network {Network} (CNI creates it); left out of its load balancers")]
    private static partial void LogLocalEndpointMissing(ILogger logger, string ip, string network);

    [LoggerMessage(Level = LogLevel.Error, Message = "Creating the remote HNS endpoint for {Ip} failed")]
    private static partial void LogRemoteEndpointFailed(ILogger logger, Exception error, string ip);

    [LoggerMessage(Level = LogLevel.Error, Message = "Programming the {Frontend} load balancer of {Service} failed")]
    private static partial void LogLoadBalancerFailed(ILogger logger, Exception error, string service, string frontend);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HNS delete failed, retrying once: {Error}")]
    private static partial void LogDeleteRetried(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "HNS delete failed; retried by the next sync: {Error}")]
    private static partial void LogDeleteFailed(ILogger logger, string error);
}
