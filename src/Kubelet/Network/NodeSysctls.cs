namespace Orchestrator.Kubelet.Network;

/// <summary>
/// The kernel settings a host-gw node needs in its network namespace (/proc/sys/net shows the namespace of the
/// process that reads it, so a kubelet started with <c>nsenter --net</c> sets its node's own):
/// <c>net.ipv4.ip_forward=1</c> (pods ↔ the node's uplink, cross-node traffic) and
/// <c>net.bridge.bridge-nf-call-iptables=1</c> (a pod reaching a Service endpoint on its own bridge: without it the
/// reply is bridged and never un-DNATed). <c>route_localnet</c> is the proxy's business, not set here.
/// </summary>
internal static class NodeSysctls
{
    public static readonly IReadOnlyList<string> Required = ["net.ipv4.ip_forward", "net.bridge.bridge-nf-call-iptables"];

    /// <summary>
    /// Sets each of <see cref="Required"/> to 1 under <paramref name="procSys"/> (default /proc/sys) where it is not
    /// already; returns one outcome line per setting ("name=1 (was 0)", "name=1 (already)", "name: missing …").
    /// </summary>
    public static IReadOnlyList<string> Ensure(string procSys = "/proc/sys")
    {
        var outcomes = new List<string>();
        foreach (var name in Required)
        {
            var path = Path.Combine(procSys, name.Replace('.', '/'));
            if (!File.Exists(path))
            {
                outcomes.Add($"{name}: missing ({path}; br_netfilter not available?)");
                continue;
            }

            var before = File.ReadAllText(path).Trim();
            if (before == "1")
            {
                outcomes.Add($"{name}=1 (already)");
                continue;
            }

            File.WriteAllText(path, "1\n");
            outcomes.Add($"{name}=1 (was {before})");
        }

        return outcomes;
    }
}
