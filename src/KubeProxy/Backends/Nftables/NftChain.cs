namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>A regular chain of one Service port and its rules, in order.</summary>
internal sealed record NftChain(string Name, IReadOnlyList<string> Rules)
{
    public bool SameRules(NftChain other) => Rules.SequenceEqual(other.Rules, StringComparer.Ordinal);
}
