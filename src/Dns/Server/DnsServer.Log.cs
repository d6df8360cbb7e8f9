using Microsoft.Extensions.Logging;

namespace Orchestrator.Dns.Server;

internal sealed partial class DnsServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DNS serving on {Endpoint} (UDP and TCP), {Upstreams} upstream resolvers")]
    private static partial void LogListening(ILogger logger, IPEndPoint? endpoint, int upstreams);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS receive failed: {Error}")]
    private static partial void LogReceiveFailed(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS send failed: {Error}")]
    private static partial void LogSendFailed(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS receive failed: errno {Errno}")]
    private static partial void LogReceiveErrno(ILogger logger, int errno);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS send failed: errno {Errno}")]
    private static partial void LogSendErrno(ILogger logger, int errno);
}
