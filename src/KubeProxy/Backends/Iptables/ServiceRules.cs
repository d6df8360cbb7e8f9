namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// The rules one Service port contributes. Entry rules go into the top-level chains (rewritten by every sync);
/// the per-service chains (KUBE-SVC/SVL/EXT/SEP) are written only when <see cref="ChainText"/> changed since the
/// last successful sync (upstream's MinimizeIPTablesRestore).
/// </summary>
/// <param name="Name">The Service port.</param>
/// <param name="FilterRules">Rules in filter KUBE-SERVICES / KUBE-EXTERNAL-SERVICES (REJECT/DROP when there are no endpoints).</param>
/// <param name="NatEntryRules">Rules in nat KUBE-SERVICES / KUBE-NODEPORTS jumping to this port's chains.</param>
/// <param name="Chains">The per-service nat chains this port uses, in upstream's order.</param>
/// <param name="ChainRules">The rules of <paramref name="Chains"/>.</param>
internal sealed record ServiceRules(
    ServicePortName Name,
    IReadOnlyList<string> FilterRules,
    IReadOnlyList<string> NatEntryRules,
    IReadOnlyList<string> Chains,
    IReadOnlyList<string> ChainRules)
{
    /// <summary>The per-service chains and their rules as one string: equal text means nothing to rewrite.</summary>
    public string ChainText { get; } = string.Join('\n', Chains) + "\n" + string.Join('\n', ChainRules);
}
