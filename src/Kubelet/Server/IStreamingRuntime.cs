namespace Orchestrator.Kubelet.Server;

/// <summary>
/// What the kubelet server needs from the container runtime to serve containerLogs, exec, attach
/// and portForward. The streaming calls return the URL of the runtime's own streaming server
/// (containerd's CRI streaming server), to which the kubelet relays the client's upgraded
/// connection byte for byte; each URL is single-use and made for this request.
/// Thread-safe; every call may be made concurrently. A pod or container that does not exist is a
/// <see cref="StreamingRuntimeException"/> (404); an unsupported call is one too (501 or 400).
/// </summary>
public interface IStreamingRuntime
{
    /// <summary>A URL that runs <see cref="ExecRequest.Command"/> in the container once a client connects.</summary>
    Task<Uri> GetExecAsync(ExecRequest request, CancellationToken ct);

    /// <summary>A URL that attaches to the container's main process.</summary>
    Task<Uri> GetAttachAsync(AttachRequest request, CancellationToken ct);

    /// <summary>A URL that forwards connections to the pod's network namespace (ports empty: the client names them per stream).</summary>
    Task<Uri> GetPortForwardAsync(string ns, string pod, IReadOnlyList<int> ports, CancellationToken ct);

    /// <summary>
    /// Where the container's log is: the newest instance of the container, or with
    /// <paramref name="previous"/> the one before it (the instance that last terminated).
    /// </summary>
    Task<ContainerLogLocation> GetContainerLogAsync(string ns, string pod, string container, bool previous, CancellationToken ct);

    /// <summary>Whether the container (by runtime id) still runs: following a log ends once it does not.</summary>
    Task<bool> IsContainerRunningAsync(string containerId, CancellationToken ct);
}
