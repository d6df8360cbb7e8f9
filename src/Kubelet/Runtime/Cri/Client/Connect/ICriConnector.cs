namespace Orchestrator.Kubelet.Runtime.Cri.Client.Connect;

/// <summary>
/// Opens one byte stream to the container runtime's gRPC endpoint. The HTTP/2 handler calls it
/// whenever it needs a new connection (first call, after the runtime restarted); implementations
/// are stateless and thread-safe.
/// </summary>
public interface ICriConnector
{
    /// <summary>A human-readable description of the endpoint, for logs and errors.</summary>
    string Endpoint { get; }

    /// <summary>Connects; throws (IOException, SocketException, OperationCanceledException) when the runtime is not there.</summary>
    ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken);
}
