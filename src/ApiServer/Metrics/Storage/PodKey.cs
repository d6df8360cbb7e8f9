namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>A pod's namespace and name, the key of its container points.</summary>
internal readonly record struct PodKey(string Namespace, string Name);
