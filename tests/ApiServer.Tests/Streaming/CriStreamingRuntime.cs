using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>The kubelet server's runtime for pods run straight through CRI by a test: CRI Exec/Attach/PortForward URLs and log paths.</summary>
internal sealed class CriStreamingRuntime(params CriBusyboxPod[] pods) : IStreamingRuntime
{
    public async Task<Uri> GetExecAsync(Kubelet.Server.ExecRequest request, CancellationToken ct)
    {
        var pod = Find(request.Namespace, request.Pod, request.Container);
        var response = await pod.Cri.Runtime.ExecAsync(
            new Kubelet.Runtime.Cri.Api.ExecRequest { ContainerId = pod.ContainerId, Cmd = { request.Command }, Tty = request.Tty, Stdin = request.Stdin, Stdout = request.Stdout, Stderr = request.Stderr },
            cancellationToken: ct);
        return new Uri(response.Url);
    }

    public async Task<Uri> GetAttachAsync(Kubelet.Server.AttachRequest request, CancellationToken ct)
    {
        var pod = Find(request.Namespace, request.Pod, request.Container);
        var response = await pod.Cri.Runtime.AttachAsync(
            new Kubelet.Runtime.Cri.Api.AttachRequest { ContainerId = pod.ContainerId, Tty = request.Tty, Stdin = request.Stdin, Stdout = request.Stdout, Stderr = request.Stderr },
            cancellationToken: ct);
        return new Uri(response.Url);
    }

    public async Task<Uri> GetPortForwardAsync(string ns, string pod, IReadOnlyList<int> ports, CancellationToken ct)
    {
        var found = Find(ns, pod, CriBusyboxPod.Container);
        var response = await found.Cri.Runtime.PortForwardAsync(new PortForwardRequest { PodSandboxId = found.SandboxId, Port = { ports } }, cancellationToken: ct);
        return new Uri(response.Url);
    }

    public Task<ContainerLogLocation> GetContainerLogAsync(string ns, string pod, string container, bool previous, CancellationToken ct)
    {
        var found = Find(ns, pod, container);
        return previous
            ? throw StreamingRuntimeException.BadRequest($"previous terminated container \"{container}\" in pod \"{pod}\" not found")
            : Task.FromResult(new ContainerLogLocation(found.LogPath, found.ContainerId, Running: true));
    }

    public async Task<bool> IsContainerRunningAsync(string containerId, CancellationToken ct)
    {
        var pod = pods.First(p => p.ContainerId == containerId);
        var status = await pod.Cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId }, cancellationToken: ct);
        return status.Status.State == ContainerState.ContainerRunning;
    }

    private CriBusyboxPod Find(string ns, string pod, string container) =>
        pods.FirstOrDefault(p => ns == CriBusyboxPod.Namespace && p.Name == pod && container == CriBusyboxPod.Container)
        ?? throw StreamingRuntimeException.NotFound($"container {container} of pod {ns}/{pod} not found");
}
