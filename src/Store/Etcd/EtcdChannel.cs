using System.Net.Http;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace Orchestrator.Store.Etcd;

/// <summary>Creates the gRPC channel to one etcd member; an <see cref="EtcdEndpoints"/> holds one per member.</summary>
internal static class EtcdChannel
{
    /// <summary>
    /// How long a TCP connect to a member may take. A member whose address went silent (a killed
    /// container: no reset, no "connection refused") would otherwise hold a call until the attempt
    /// deadline, which counts as "maybe applied"; a connect that ran out of time surely sent nothing.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Checks the endpoints all work with <see cref="Create"/>: at least one, all http or all https, no path.</summary>
    public static void Validate(IReadOnlyList<Uri> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is required", nameof(endpoints));
        }

        var scheme = endpoints[0].Scheme;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Scheme is not ("http" or "https") || endpoint.Scheme != scheme || endpoint.AbsolutePath != "/")
            {
                throw new ArgumentException(
                    $"etcd endpoint \"{endpoint}\" is not supported: use scheme://host:port, all http or all https", nameof(endpoints));
            }
        }
    }

    public static GrpcChannel Create(Uri endpoint) =>
        GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            Credentials = endpoint.Scheme == "https" ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
            // A watch catching up or a large list page can exceed gRPC's 4 MB default; etcd bounds what it sends.
            MaxReceiveMessageSize = null,
            ThrowOperationCanceledOnCancellation = true,
            HttpHandler = new SocketsHttpHandler
            {
                // Every watch holds an HTTP/2 stream open; don't let them queue behind one connection's limit.
                EnableMultipleHttp2Connections = true,
                ConnectCallback = ConnectAsync,
                // Pings notice a connection gone silent under an idle watch, which otherwise waits forever.
                // Sent only after this long without a frame from etcd, which refuses pings more often than
                // every 5 s (--grpc-keepalive-min-time) by closing the connection.
                KeepAlivePingDelay = TimeSpan.FromSeconds(10),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            },
            DisposeHttpClient = true,
        });

    /// <summary>
    /// A TCP connect, name lookup included, bounded by <see cref="ConnectTimeout"/>; running out of time
    /// fails as a socket error (HttpClient reports it as a connection error). The bound does not rely on
    /// the lookup honouring cancellation: in Docker the name of a killed member is no longer known to the
    /// embedded DNS, which then asks upstream servers that may never answer.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).AsTask().WaitAsync(ConnectTimeout, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (TimeoutException)
        {
            // Disposing aborts the connect still under way.
            socket.Dispose();
            throw new SocketException((int)SocketError.TimedOut);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
