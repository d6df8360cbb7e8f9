namespace Orchestrator.Kubelet.Stats;

/// <summary>What <see cref="CriStatsProvider"/> needs of its node: the name and the kubelet's root directory (logs).</summary>
internal sealed record CriStatsProviderOptions(string NodeName, string RootDir);
