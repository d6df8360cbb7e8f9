using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orchestrator.ApiServer.Hosting.Connections;

/// <summary>
/// Gives the error responses Kestrel writes by itself (malformed request line or headers, a bad
/// Content-Length, a path with %00, limits exceeded) a Status body, which Kestrel offers no hook
/// for. A connection middleware: add it after <c>UseHttps</c> so it sits between TLS and HTTP.
/// </summary>
internal static class StatusBodyConnections
{
    public static ListenOptions UseStatusBodiesForKestrelErrors(this ListenOptions listen)
    {
        listen.Use(next => async connection =>
        {
            var ownership = new ResponseOwnership();
            var transport = connection.Transport;
            connection.Features.Set(ownership);
            connection.Transport = new StatusBodyDuplexPipe(transport, ownership);
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        });
        return listen;
    }
}
