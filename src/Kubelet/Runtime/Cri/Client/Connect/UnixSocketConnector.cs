namespace Orchestrator.Kubelet.Runtime.Cri.Client.Connect;

/// <summary>Connects to a unix domain socket (containerd's <c>unix:///run/containerd/containerd.sock</c>).</summary>
internal sealed class UnixSocketConnector(string socketPath) : ICriConnector
{
    public string SocketPath { get; } = socketPath;

    public string Endpoint => "unix://" + SocketPath;

    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
