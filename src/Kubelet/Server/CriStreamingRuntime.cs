using Orchestrator.Kubelet.Server.Cri;
using CriApi = Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Server;

/// <summary>
/// The streaming backend of a real node: finds pods and containers through CRI alone (the labels
/// of <see cref="Orchestrator.Kubelet.Runtime.Cri.Client.CriLabels"/> on sandboxes and containers), asks the
/// runtime's CRI Exec/Attach/PortForward for a streaming URL, and reads log paths from
/// ContainerStatus. Thread-safe.
/// </summary>
public sealed class CriStreamingRuntime : IStreamingRuntime
{
    private readonly CriApi.RuntimeService.RuntimeServiceClient _runtime;
    private readonly CriPodLocator _locator;
    private readonly Uri? _streamingBaseUrl;

    /// <param name="runtime">The CRI runtime service, e.g. <c>CriClient.Runtime</c>.</param>
    /// <param name="streamingBaseUrl">
    /// What relative streaming URLs are resolved against, for runtimes that return them
    /// (upstream's --streaming-base-url idea); containerd returns absolute ones.
    /// </param>
    public CriStreamingRuntime(CriApi.RuntimeService.RuntimeServiceClient runtime, Uri? streamingBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _locator = new CriPodLocator(runtime);
        _streamingBaseUrl = streamingBaseUrl;
    }

    public async Task<Uri> GetExecAsync(ExecRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var container = await _locator.FindRunningContainerAsync(request.Namespace, request.Pod, request.Container, ct);
        var exec = new CriApi.ExecRequest { ContainerId = container.Id, Tty = request.Tty, Stdin = request.Stdin, Stdout = request.Stdout, Stderr = request.Stderr };
        exec.Cmd.AddRange(request.Command);
        var response = await CriPodLocator.CallAsync(() => _runtime.ExecAsync(exec, cancellationToken: ct).ResponseAsync);
        return Resolve(response.Url);
    }

    public async Task<Uri> GetAttachAsync(AttachRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var container = await _locator.FindRunningContainerAsync(request.Namespace, request.Pod, request.Container, ct);
        var attach = new CriApi.AttachRequest { ContainerId = container.Id, Tty = request.Tty, Stdin = request.Stdin, Stdout = request.Stdout, Stderr = request.Stderr };
        var response = await CriPodLocator.CallAsync(() => _runtime.AttachAsync(attach, cancellationToken: ct).ResponseAsync);
        return Resolve(response.Url);
    }

    public async Task<Uri> GetPortForwardAsync(string ns, string pod, IReadOnlyList<int> ports, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var sandbox = await _locator.FindSandboxAsync(ns, pod, ready: true, ct);
        var forward = new CriApi.PortForwardRequest { PodSandboxId = sandbox.Id };
        forward.Port.AddRange(ports);
        var response = await CriPodLocator.CallAsync(() => _runtime.PortForwardAsync(forward, cancellationToken: ct).ResponseAsync);
        return Resolve(response.Url);
    }

    public async Task<ContainerLogLocation> GetContainerLogAsync(string ns, string pod, string container, bool previous, CancellationToken ct)
    {
        var sandbox = await _locator.FindSandboxAsync(ns, pod, ready: false, ct);
        var instances = await _locator.FindContainersAsync(sandbox, container, running: false, ct);
        var chosen = CriLogInstance.Choose(instances, pod, container, previous);
        var status = (await CriPodLocator.CallAsync(() => _runtime.ContainerStatusAsync(new CriApi.ContainerStatusRequest { ContainerId = chosen.Id }, cancellationToken: ct).ResponseAsync)).Status;
        if (string.IsNullOrEmpty(status.LogPath))
        {
            throw new StreamingRuntimeException(HttpStatusCode.NotFound, $"container \"{container}\" in pod \"{pod}\" has no log file (the runtime reports no log path)");
        }

        return new ContainerLogLocation(status.LogPath, chosen.Id, status.State == CriApi.ContainerState.ContainerRunning);
    }

    public async Task<bool> IsContainerRunningAsync(string containerId, CancellationToken ct)
    {
        try
        {
            var response = await _runtime.ContainerStatusAsync(new CriApi.ContainerStatusRequest { ContainerId = containerId }, cancellationToken: ct);
            return response.Status.State == CriApi.ContainerState.ContainerRunning;
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return false;
        }
    }

    private Uri Resolve(string url)
    {
        var parsed = new Uri(url, UriKind.RelativeOrAbsolute);
        if (parsed.IsAbsoluteUri)
        {
            return parsed;
        }

        return _streamingBaseUrl is null
            ? throw new StreamingRuntimeException(HttpStatusCode.InternalServerError, $"the runtime returned the relative streaming URL \"{url}\" and no streaming base URL is configured")
            : new Uri(_streamingBaseUrl, parsed);
    }
}
