namespace Orchestrator.Kubelet.Server;

/// <summary>
/// The streaming backend of a hollow node, whose pods run no process: exec, attach and
/// port-forward answer 501 Not Implemented, logs 400 Bad Request, each with a message that says why.
/// </summary>
internal sealed class NotSupportedStreamingRuntime : IStreamingRuntime
{
    private const string Why = "this node's runtime is hollow: its pods run no processes";

    public Task<Uri> GetExecAsync(ExecRequest request, CancellationToken ct) =>
        throw new StreamingRuntimeException(HttpStatusCode.NotImplemented, $"exec is not supported: {Why}");

    public Task<Uri> GetAttachAsync(AttachRequest request, CancellationToken ct) =>
        throw new StreamingRuntimeException(HttpStatusCode.NotImplemented, $"attach is not supported: {Why}");

    public Task<Uri> GetPortForwardAsync(string ns, string pod, IReadOnlyList<int> ports, CancellationToken ct) =>
        throw new StreamingRuntimeException(HttpStatusCode.NotImplemented, $"port-forward is not supported: {Why}");

    public Task<ContainerLogLocation> GetContainerLogAsync(string ns, string pod, string container, bool previous, CancellationToken ct) =>
        throw new StreamingRuntimeException(HttpStatusCode.BadRequest, $"container \"{container}\" in pod \"{pod}\" has no logs: {Why}");

    public Task<bool> IsContainerRunningAsync(string containerId, CancellationToken ct) => Task.FromResult(false);
}
