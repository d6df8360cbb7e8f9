namespace Orchestrator.Kubelet.Stats;

/// <summary>What <see cref="CriStatsProvider"/> needs of its node: the name, the kubelet's root directory (logs) and the pods' cgroup root.</summary>
internal sealed record CriStatsProviderOptions(string NodeName, string RootDir, string CgroupRoot);
