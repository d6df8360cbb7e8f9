namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>Everything a full sync writes, split so a partial sync can leave unchanged per-service chains out.</summary>
/// <param name="FilterChains">Filter chains declared by every sync (flushed and refilled).</param>
/// <param name="FilterRules">Filter rules written before the Services' rules (KUBE-FIREWALL).</param>
/// <param name="FilterTailRules">Filter rules written after the Services' rules (KUBE-FORWARD).</param>
/// <param name="NatChains">Top-level nat chains declared by every sync.</param>
/// <param name="NatRules">Top-level nat rules written before the Services' rules (KUBE-POSTROUTING, KUBE-MARK-MASQ).</param>
/// <param name="Services">Each Service port's rules, in plan order.</param>
/// <param name="NodePortsJump">The KUBE-SERVICES → KUBE-NODEPORTS rule that must stay last in KUBE-SERVICES.</param>
internal sealed record IptablesRuleset(
    IReadOnlyList<string> FilterChains,
    IReadOnlyList<string> FilterRules,
    IReadOnlyList<string> FilterTailRules,
    IReadOnlyList<string> NatChains,
    IReadOnlyList<string> NatRules,
    IReadOnlyList<ServiceRules> Services,
    string NodePortsJump)
{
    /// <summary>Every per-service nat chain this ruleset uses.</summary>
    public IEnumerable<string> ServiceChains => Services.SelectMany(s => s.Chains);
}
