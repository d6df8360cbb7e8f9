using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for servers tests start (another process may still race for it: retry on bind errors).</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
