using System.Collections.Concurrent;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>A streaming runtime that hands out one configured URL or log file and records what it was asked.</summary>
internal sealed class FakeStreamingRuntime : IStreamingRuntime
{
    public Uri StreamUrl { get; set; } = new("http://127.0.0.1:1/none");

    public ContainerLogLocation? Log { get; set; }

    public bool Running { get; set; }

    public ConcurrentQueue<object> Requests { get; } = new();

    public Task<Uri> GetExecAsync(ExecRequest request, CancellationToken ct)
    {
        Requests.Enqueue(request);
        return Task.FromResult(StreamUrl);
    }

    public Task<Uri> GetAttachAsync(AttachRequest request, CancellationToken ct)
    {
        Requests.Enqueue(request);
        return Task.FromResult(StreamUrl);
    }

    public Task<Uri> GetPortForwardAsync(string ns, string pod, IReadOnlyList<int> ports, CancellationToken ct)
    {
        Requests.Enqueue((ns, pod, string.Join(",", ports)));
        return Task.FromResult(StreamUrl);
    }

    public Task<ContainerLogLocation> GetContainerLogAsync(string ns, string pod, string container, bool previous, CancellationToken ct)
    {
        Requests.Enqueue((ns, pod, container, previous));
        return Log is { } log ? Task.FromResult(log) : throw StreamingRuntimeException.NotFound($"container not found (\"{container}\")");
    }

    public Task<bool> IsContainerRunningAsync(string containerId, CancellationToken ct) => Task.FromResult(Running);
}
