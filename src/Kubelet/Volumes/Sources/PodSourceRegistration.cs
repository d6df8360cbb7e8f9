namespace Orchestrator.Kubelet.Volumes.Sources;

/// <summary>What one registered pod references: the names in its namespace.</summary>
internal sealed record PodSourceRegistration(string Namespace, IReadOnlySet<string> Secrets, IReadOnlySet<string> ConfigMaps);
