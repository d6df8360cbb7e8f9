namespace Orchestrator.Kubelet.DownwardApi;

/// <summary>A field or resource the downward API cannot resolve; the message is upstream's.</summary>
internal sealed class DownwardApiException(string message) : Exception(message);
