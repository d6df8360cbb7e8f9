using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Orchestrator.Kubelet.Runtime.Cri.Client.Connect;

namespace Orchestrator.Kubelet.Runtime.Cri.Client;

/// <summary>
/// A gRPC connection to a CRI v1 runtime (containerd) over a unix socket or a Windows named pipe.
/// <see cref="Runtime"/> and <see cref="Images"/> are thread-safe and share one HTTP/2 connection;
/// every call gets a default deadline (see <see cref="CriClientOptions"/>) and is counted in the
/// <c>kubelet_runtime_operations_*</c> metrics. Connecting is lazy: <see cref="Connect"/> does not
/// touch the endpoint, the first call does (and fails with Unavailable if the runtime is absent).
/// </summary>
public sealed class CriClient : IDisposable
{
    private readonly GrpcChannel _channel;

    private CriClient(ICriConnector connector, CriClientOptions options, TimeProvider time)
    {
        options.Validate();
        Endpoint = connector.Endpoint;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, ct) => connector.ConnectAsync(ct),
            ConnectTimeout = options.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
        };

        // The authority is irrelevant over a socket; "http" makes gRPC speak HTTP/2 without TLS.
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            LoggerFactory = options.LoggerFactory,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        var invoker = _channel.Intercept(new CriCallInterceptor(options, time, options.LoggerFactory.CreateLogger<CriClient>()));
        Runtime = new RuntimeService.RuntimeServiceClient(invoker);
        Images = new ImageService.ImageServiceClient(invoker);
    }

    /// <summary>The endpoint this client talks to, for logs.</summary>
    public string Endpoint { get; }

    public RuntimeService.RuntimeServiceClient Runtime { get; }

    public ImageService.ImageServiceClient Images { get; }

    /// <summary>
    /// A client for <paramref name="endpoint"/>: <c>unix:///abs/path.sock</c> or <c>npipe://./pipe/name</c>.
    /// Throws <see cref="ArgumentException"/> for any other form.
    /// </summary>
    public static CriClient Connect(string endpoint, CriClientOptions? options = null) =>
        new(CriEndpoint.Parse(endpoint), options ?? new CriClientOptions(), TimeProvider.System);

    /// <summary>A client over a custom connector (tests, other transports).</summary>
    public static CriClient Connect(ICriConnector connector, CriClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return new(connector, options ?? new CriClientOptions(), TimeProvider.System);
    }

    public void Dispose() => _channel.Dispose();
}
