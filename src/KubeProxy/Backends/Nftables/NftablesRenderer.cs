using System.Globalization;
using System.Text;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// Pure plan → <c>nft -f</c> text for a full sync: the table is added, deleted and created again in one transaction
/// (so stale chains, sets and elements of any earlier writer disappear atomically), then the shared chains, sets and
/// maps of upstream's layout, then every Service port's fragment.
/// </summary>
internal static class NftablesRenderer
{
    private const string TableDefinition = "{ comment \"rules for kube-proxy\" ; }";

    public static string RenderFull(ProxyPlan plan, IEnumerable<NftServiceFragment> fragments)
    {
        var text = new StringBuilder(4096);
        Line(text, $"add table {NftNames.Table} {TableDefinition}");
        Line(text, $"delete table {NftNames.Table}");
        WriteBase(text, plan.Node);
        var written = new HashSet<(string, string)>();
        foreach (var (port, fragment) in plan.Services.Zip(fragments))
        {
            text.Append("\n# ").Append(port.Name).Append('\n');
            WriteFragment(text, fragment, written);
        }

        return text.ToString();
    }

    public static string RenderFull(ProxyPlan plan) =>
        RenderFull(plan, plan.Services.Select(p => NftServiceRenderer.Render(p, plan.Node)));

    /// <summary>Writes a new fragment: sets, then chains (all declared before any rule jumps to them), rules, elements.</summary>
    public static void WriteFragment(StringBuilder text, NftServiceFragment fragment, HashSet<(string, string)>? written = null)
    {
        foreach (var set in fragment.AffinitySets)
        {
            Line(text, NftOperation.AddSet(set).Text);
        }

        foreach (var chain in fragment.Chains)
        {
            Line(text, NftOperation.AddChain(chain.Name).Text);
        }

        foreach (var chain in fragment.Chains)
        {
            WriteRules(text, chain);
        }

        foreach (var element in fragment.Elements)
        {
            if (written is null || written.Add(element.Identity))
            {
                AddElement(text, element);
            }
        }
    }

    public static void WriteRules(StringBuilder text, NftChain chain)
    {
        foreach (var rule in chain.Rules)
        {
            Line(text, NftOperation.AddRule(chain.Name, rule).Text);
        }
    }

    public static void AddElement(StringBuilder text, NftElement element) => Line(text, NftOperation.AddElement(element).Text);

    public static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static void WriteBase(StringBuilder text, ProxyNode node)
    {
        var mark = "0x" + node.MasqueradeMark.ToString("x", CultureInfo.InvariantCulture);
        var table = NftNames.Table;
        string[] lines =
        [
            $"add table {table} {TableDefinition}",
            "",
            $"add chain {table} filter-prerouting {{ type filter hook prerouting priority -110 ; }}",
            $"add chain {table} filter-input {{ type filter hook input priority -110 ; }}",
            $"add chain {table} filter-forward {{ type filter hook forward priority -110 ; }}",
            $"add chain {table} filter-output {{ type filter hook output priority -110 ; }}",
            $"add chain {table} nat-prerouting {{ type nat hook prerouting priority -100 ; }}",
            $"add chain {table} nat-output {{ type nat hook output priority -100 ; }}",
            $"add chain {table} nat-postrouting {{ type nat hook postrouting priority 100 ; }}",
            $"add chain {table} endpoints-check",
            $"add chain {table} cluster-ips-check",
            $"add chain {table} services",
            $"add chain {table} masquerading",
            $"add chain {table} mark-for-masquerade",
            $"add chain {table} reject-chain {{ comment \"helper for @no-endpoint-services / @no-endpoint-nodeports\" ; }}",
            "",
            $"add set {table} cluster-ips {{ type ipv4_addr ; comment \"Active ClusterIPs\" ; }}",
            $"add set {table} nodeport-ips {{ type ipv4_addr ; comment \"IPs that accept NodePort traffic\" ; }}",
            $"add map {table} service-ips {{ type ipv4_addr . inet_proto . inet_service : verdict ; comment \"ClusterIP, ExternalIP and LoadBalancer IP traffic\" ; }}",
            $"add map {table} service-nodeports {{ type inet_proto . inet_service : verdict ; comment \"NodePort traffic\" ; }}",
            $"add map {table} no-endpoint-services {{ type ipv4_addr . inet_proto . inet_service : verdict ; comment \"vmap to drop or reject packets to services with no endpoints\" ; }}",
            $"add map {table} no-endpoint-nodeports {{ type inet_proto . inet_service : verdict ; comment \"vmap to drop or reject packets to service nodeports with no endpoints\" ; }}",
            "",
            $"add rule {table} filter-input ct state new jump endpoints-check",
            $"add rule {table} filter-forward ct state new jump endpoints-check",
            $"add rule {table} filter-output ct state new jump endpoints-check",
            // Forwarded packets were DNATed in prerouting already: one still addressed to a ClusterIP matched no port.
            $"add rule {table} filter-forward ct state new jump cluster-ips-check",
            $"add rule {table} nat-prerouting jump services",
            $"add rule {table} nat-output jump services",
            $"add rule {table} nat-postrouting jump masquerading",
            $"add rule {table} mark-for-masquerade mark set mark or {mark}",
            $"add rule {table} masquerading mark and {mark} == 0 return",
            $"add rule {table} masquerading mark set mark xor {mark}",
            $"add rule {table} masquerading masquerade fully-random",
            $"add rule {table} reject-chain reject",
            $"add rule {table} cluster-ips-check ip daddr @cluster-ips reject comment \"Reject traffic to invalid ports of ClusterIPs\"",
            $"add rule {table} endpoints-check ip daddr . meta l4proto . th dport vmap @no-endpoint-services",
            $"add rule {table} services ip daddr . meta l4proto . th dport vmap @service-ips",
        ];
        foreach (var line in lines)
        {
            Line(text, line);
        }

        // NodePorts answer on the node's addresses; without known addresses on every local one but loopback (as upstream).
        var nodePorts = node.NodeIps.Count > 0 ? "ip daddr @nodeport-ips" : "fib daddr type local ip daddr != 127.0.0.0/8";
        Line(text, $"add rule {table} endpoints-check {nodePorts} meta l4proto . th dport vmap @no-endpoint-nodeports");
        Line(text, $"add rule {table} services {nodePorts} meta l4proto . th dport vmap @service-nodeports");
        foreach (var ip in node.NodeIps)
        {
            Line(text, $"add element {table} nodeport-ips {{ {ip} }}");
        }
    }
}
