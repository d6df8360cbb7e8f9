namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// Plan → iptables rules, pure. The layout, rule text, comments and order follow upstream's syncProxyRules
/// (pkg/proxy/iptables/proxier.go) with detect-local-mode ClusterCIDR and nodePortAddresses unset (NodePorts on
/// every local address). loadBalancerSourceRanges (KUBE-FW-* chains) are not rendered: the plan does not carry them.
/// </summary>
internal static class IptablesRenderer
{
    private const string Loopback = "127.0.0.0/8";

    public static IptablesRuleset Render(ProxyPlan plan, IptablesRenderOptions options)
    {
        var mark = "0x" + plan.Node.MasqueradeMark.ToString("x", CultureInfo.InvariantCulture);
        var filterChains = IptablesChains.FilterTopLevel.ToList();
        var filterRules = new List<string>();
        if (options.LocalhostNodePorts)
        {
            // route_localnet (needed for NodePorts on 127.0.0.1) opens https://issue.k8s.io/90259; this rule closes it.
            filterChains.Add(IptablesChains.KubeletFirewall);
            filterRules.Add($"-A {IptablesChains.KubeletFirewall} -m comment --comment \"block incoming localnet connections\" -d {Loopback} ! -s {Loopback} -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");
        }

        List<string> natRules =
        [
            $"-A {IptablesChains.Postrouting} -m mark ! --mark {mark}/{mark} -j RETURN",
            // Clear the mark so a packet that re-traverses the stack is not masqueraded twice.
            $"-A {IptablesChains.Postrouting} -j MARK --xor-mark {mark}",
            $"-A {IptablesChains.Postrouting} -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE" + (options.RandomFully ? " --random-fully" : string.Empty),
            $"-A {IptablesChains.MarkMasq} -j MARK --or-mark {mark}",
        ];

        var totalEndpoints = plan.Services.Sum(s => s.AllEndpoints.Count);
        var context = new ServiceRenderContext(plan.Node.ClusterCidr, options.MasqueradeAll, totalEndpoints > options.LargeClusterEndpointThreshold);
        var services = plan.Services.Select(s => ServiceRulesRenderer.Render(s, context)).ToList();

        var nodePortDestinations = options.LocalhostNodePorts ? "-m addrtype --dst-type LOCAL" : $"-m addrtype --dst-type LOCAL ! -d {Loopback}";
        var nodePortsJump = $"-A {IptablesChains.Services} -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" {nodePortDestinations} -j {IptablesChains.NodePorts}";

        var filterTail = new List<string>();
        if (options.DropInvalid)
        {
            // INVALID packets would otherwise reset connections (kubernetes issues 74839, 117924).
            filterTail.Add($"-A {IptablesChains.Forward} -m conntrack --ctstate INVALID -j DROP");
        }

        filterTail.Add($"-A {IptablesChains.Forward} -m comment --comment \"kubernetes forwarding rules\" -m mark --mark {mark}/{mark} -j ACCEPT");
        filterTail.Add($"-A {IptablesChains.Forward} -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");

        return new IptablesRuleset(filterChains, filterRules, filterTail, IptablesChains.NatTopLevel, natRules, services, nodePortsJump);
    }

    /// <summary>The complete <c>iptables-restore</c> input of a full sync (what <c>--dry-run</c> prints).</summary>
    public static string RenderText(ProxyPlan plan, IptablesRenderOptions options) =>
        RestoreScript.Compose(Render(plan, options), _ => true, []);
}
