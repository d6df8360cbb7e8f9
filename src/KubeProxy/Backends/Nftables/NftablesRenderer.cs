namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// Pure plan → the commands of a full sync: the table is added, deleted and created again in one transaction
/// (so stale chains, sets and elements of any earlier writer disappear atomically), then the shared chains, sets and
/// maps of upstream's layout, then every Service port's fragment. <see cref="NftOperation.Script"/> makes the
/// <c>nft -f</c> text of them.
/// </summary>
internal static class NftablesRenderer
{
    private const string TableDefinition = "{ comment \"rules for kube-proxy\" ; }";

    public static List<NftOperation> PlanFull(ProxyPlan plan, IEnumerable<NftServiceFragment> fragments)
    {
        var operations = new List<NftOperation>(16 * plan.Services.Count + 64)
        {
            new(NftOperationKind.AddTable, "", Definition: TableDefinition),
            new(NftOperationKind.DeleteTable, ""),
        };
        WriteBase(operations, plan.Node);
        var written = new HashSet<(string, string)>();
        foreach (var (port, fragment) in plan.Services.Zip(fragments))
        {
            operations.Add(NftOperation.Remark(""));
            operations.Add(NftOperation.Remark("# " + port.Name));
            WriteFragment(operations, fragment, written);
        }

        return operations;
    }

    public static string RenderFull(ProxyPlan plan) =>
        NftOperation.Script(PlanFull(plan, plan.Services.Select(p => NftServiceRenderer.Render(p, plan.Node))));

    /// <summary>Writes a new fragment: sets, then chains (all declared before any rule jumps to them), rules, elements.</summary>
    private static void WriteFragment(List<NftOperation> operations, NftServiceFragment fragment, HashSet<(string, string)> written)
    {
        operations.AddRange(fragment.AffinitySets.Select(NftOperation.AddSet));
        operations.AddRange(fragment.Chains.Select(c => NftOperation.AddChain(c.Name)));
        foreach (var chain in fragment.Chains)
        {
            operations.AddRange(chain.Rules.Select(rule => NftOperation.AddRule(chain.Name, rule)));
        }

        operations.AddRange(fragment.Elements.Where(e => written.Add(e.Identity)).Select(NftOperation.AddElement));
    }

    private static void WriteBase(List<NftOperation> operations, ProxyNode node)
    {
        var mark = "0x" + node.MasqueradeMark.ToString("x", CultureInfo.InvariantCulture);
        operations.Add(new NftOperation(NftOperationKind.AddTable, "", Definition: TableDefinition));
        operations.Add(NftOperation.Remark(""));
        foreach (var (chain, type, hook, priority) in new[]
        {
            ("filter-prerouting", "filter", "prerouting", -110), ("filter-input", "filter", "input", -110),
            ("filter-forward", "filter", "forward", -110), ("filter-output", "filter", "output", -110),
            ("nat-prerouting", "nat", "prerouting", -100), ("nat-output", "nat", "output", -100), ("nat-postrouting", "nat", "postrouting", 100),
        })
        {
            operations.Add(NftOperation.AddChain(chain, string.Create(CultureInfo.InvariantCulture, $"{{ type {type} hook {hook} priority {priority} ; }}")));
        }

        operations.AddRange(new[] { "endpoints-check", "cluster-ips-check", "services", "masquerading", "mark-for-masquerade" }.Select(c => NftOperation.AddChain(c)));
        operations.Add(NftOperation.AddChain("reject-chain", "{ comment \"helper for @no-endpoint-services / @no-endpoint-nodeports\" ; }"));
        operations.Add(NftOperation.Remark(""));
        operations.Add(new NftOperation(NftOperationKind.AddSet, "cluster-ips", Definition: "{ type ipv4_addr ; comment \"Active ClusterIPs\" ; }"));
        operations.Add(new NftOperation(NftOperationKind.AddSet, "nodeport-ips", Definition: "{ type ipv4_addr ; comment \"IPs that accept NodePort traffic\" ; }"));
        foreach (var (map, key, comment) in new[]
        {
            ("service-ips", "ipv4_addr . inet_proto . inet_service", "ClusterIP, ExternalIP and LoadBalancer IP traffic"),
            ("service-nodeports", "inet_proto . inet_service", "NodePort traffic"),
            ("no-endpoint-services", "ipv4_addr . inet_proto . inet_service", "vmap to drop or reject packets to services with no endpoints"),
            ("no-endpoint-nodeports", "inet_proto . inet_service", "vmap to drop or reject packets to service nodeports with no endpoints"),
        })
        {
            operations.Add(new NftOperation(NftOperationKind.AddMap, map, Definition: $"{{ type {key} : verdict ; comment \"{comment}\" ; }}"));
        }

        operations.Add(NftOperation.Remark(""));
        // NodePorts answer on the node's addresses; without known addresses on every local one but loopback (as upstream).
        var nodePorts = node.NodeIps.Count > 0 ? "ip daddr @nodeport-ips" : "fib daddr type local ip daddr != 127.0.0.0/8";
        (string Chain, string Rule)[] rules =
        [
            ("filter-input", "ct state new jump endpoints-check"),
            ("filter-forward", "ct state new jump endpoints-check"),
            ("filter-output", "ct state new jump endpoints-check"),
            // Forwarded packets were DNATed in prerouting already: one still addressed to a ClusterIP matched no port.
            ("filter-forward", "ct state new jump cluster-ips-check"),
            ("nat-prerouting", "jump services"),
            ("nat-output", "jump services"),
            ("nat-postrouting", "jump masquerading"),
            ("mark-for-masquerade", $"mark set mark or {mark}"),
            ("masquerading", $"mark and {mark} == 0 return"),
            ("masquerading", $"mark set mark xor {mark}"),
            ("masquerading", "masquerade fully-random"),
            ("reject-chain", "reject"),
            ("cluster-ips-check", "ip daddr @cluster-ips reject comment \"Reject traffic to invalid ports of ClusterIPs\""),
            ("endpoints-check", "ip daddr . meta l4proto . th dport vmap @no-endpoint-services"),
            ("services", "ip daddr . meta l4proto . th dport vmap @service-ips"),
            ("endpoints-check", $"{nodePorts} meta l4proto . th dport vmap @no-endpoint-nodeports"),
            ("services", $"{nodePorts} meta l4proto . th dport vmap @service-nodeports"),
        ];
        operations.AddRange(rules.Select(r => NftOperation.AddRule(r.Chain, r.Rule)));
        operations.AddRange(node.NodeIps.Select(ip => NftOperation.AddElement(new NftElement("nodeport-ips", ip))));
    }
}
