using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Streaming.Tests;

/// <summary>Two ends of one loopback TCP connection, for a client or a peer the tests drive by hand.</summary>
internal sealed class SocketPair : IDisposable
{
    private SocketPair(Socket near, Socket far)
    {
        Near = near;
        Far = far;
    }

    public Socket Near { get; }

    public Socket Far { get; }

    public static async Task<SocketPair> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var near = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync();
        await near.ConnectAsync(listener.LocalEndPoint!);
        return new SocketPair(near, await accepting);
    }

    public void Dispose()
    {
        Near.Dispose();
        Far.Dispose();
    }
}
