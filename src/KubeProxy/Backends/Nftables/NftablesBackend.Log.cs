namespace Orchestrator.KubeProxy.Backends.Nftables;

internal sealed partial class NftablesBackend
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "nftables sync goes through nft -f: {Reason}")]
    private static partial void LogNotEncodable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "nf_tables netlink batch failed; the next sync is a full one through nft -f")]
    private static partial void LogNetlinkFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "nf_tables netlink unavailable, every sync goes through nft -f from now on: {Reason}")]
    private static partial void LogNetlinkUnavailable(ILogger logger, string reason);
}
