using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Kubelet.Tests.Probes;

/// <summary>An event recorder that keeps what it was given.</summary>
internal sealed class RecordingEvents : IEventRecorder
{
    public ConcurrentQueue<(string Name, string Type, string Reason, string Message)> Events { get; } = new();

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message) =>
        Events.Enqueue((regarding.Metadata.Name, type, reason, message));

    public int Count(string message) => Events.Count(e => e.Message == message);
}
