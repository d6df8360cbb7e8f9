namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>A pod's usage: per container (sorted by name), with the time and window of the container measured earliest.</summary>
internal sealed record PodUsage(DateTimeOffset Timestamp, TimeSpan Window, IReadOnlyList<(string Container, ResourceUsage Usage)> Containers);
