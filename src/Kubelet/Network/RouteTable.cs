namespace Orchestrator.Kubelet.Network;

/// <summary>
/// The node's host-gw routes in the main IPv4 table, written with <c>ip route</c> and marked with our own routing
/// protocol number <see cref="Protocol"/> so a sync reads back exactly the routes it made (<c>ip -4 route show proto 149</c>)
/// and never deletes anyone else's.
/// </summary>
public sealed class RouteTable(HostCommandRunner run)
{
    /// <summary>
    /// The <c>proto</c> of our routes: 0x95 (149), unassigned in iproute2's /etc/iproute2/rt_protos (kernel 2, boot 3,
    /// static 4, bird 12, dhcp 16, babel 42, openr 99, bgp 186 … eigrp 192), so routes made by hand, DHCP or a
    /// routing daemon never carry it.
    /// </summary>
    public const int Protocol = 0x95;

    private static readonly string ProtocolText = Protocol.ToString(CultureInfo.InvariantCulture);

    private static readonly HashSet<string> RouteTypes = new(StringComparer.Ordinal)
    {
        "unicast", "local", "broadcast", "multicast", "throw", "unreachable", "prohibit", "blackhole", "nat", "anycast",
    };

    /// <summary>Reads our routes and the destinations of every other route of the main table.</summary>
    public async Task<RouteTableState> ReadAsync(CancellationToken cancellationToken)
    {
        var ours = ParseRoutes(await RunCheckedAsync(["-4", "route", "show", "proto", ProtocolText], cancellationToken));
        var all = ParseDestinations(await RunCheckedAsync(["-4", "route", "show"], cancellationToken));
        var ourDestinations = ours.Select(r => r.Destination).ToHashSet();
        return new RouteTableState(ours, all.Where(d => !ourDestinations.Contains(d)).ToHashSet());
    }

    /// <summary>
    /// Applies <paramref name="plan"/>: <c>ip route replace DST via GW proto 149</c> and <c>ip route del DST proto 149</c>.
    /// Every step is tried; failures (an unreachable gateway, say) are collected and thrown together afterwards, so
    /// one bad node does not hold back the others' routes.
    /// </summary>
    public async Task ApplyAsync(RoutePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var failures = new List<string>();
        foreach (var route in plan.Replace)
        {
            await StepAsync(["-4", "route", "replace", route.Destination.ToString(), "via", route.Gateway, "proto", ProtocolText], failures, cancellationToken);
        }

        foreach (var destination in plan.Delete)
        {
            await StepAsync(["-4", "route", "del", destination.ToString(), "proto", ProtocolText], failures, cancellationToken);
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("route sync failed: " + string.Join("; ", failures));
        }
    }

    /// <summary>Routes in <c>ip -4 route show</c> output that have a gateway (<c>DST via GW …</c>); a bare address is a /32.</summary>
    public static IReadOnlyList<NodeRoute> ParseRoutes(string output)
    {
        var routes = new List<NodeRoute>();
        foreach (var fields in Lines(output))
        {
            var via = Array.IndexOf(fields, "via");
            if (Destination(fields) is { } destination && via > 0 && via + 1 < fields.Length && Ipv4Cidr.TryParseAddress(fields[via + 1], out _))
            {
                routes.Add(new NodeRoute(destination, fields[via + 1]));
            }
        }

        return routes;
    }

    /// <summary>The destination of every route line (route types such as <c>unreachable</c> skipped; <c>default</c> is 0.0.0.0/0).</summary>
    public static IReadOnlyList<Ipv4Cidr> ParseDestinations(string output) =>
        Lines(output).Select(Destination).OfType<Ipv4Cidr>().ToList();

    private static IEnumerable<string[]> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static Ipv4Cidr? Destination(string[] fields)
    {
        var token = fields.Length > 1 && RouteTypes.Contains(fields[0]) ? fields[1] : fields[0];
        if (token == "default")
        {
            return new Ipv4Cidr(0, 0);
        }

        if (Ipv4Cidr.TryParse(token, out var cidr))
        {
            return cidr;
        }

        return Ipv4Cidr.TryParseAddress(token, out var host) ? new Ipv4Cidr(host, 32) : null;
    }

    private async Task StepAsync(string[] arguments, List<string> failures, CancellationToken cancellationToken)
    {
        var result = await run("ip", arguments, null, cancellationToken);
        if (!result.Succeeded)
        {
            failures.Add($"ip {string.Join(' ', arguments)}: {result.StandardError.Trim()}");
        }
    }

    private async Task<string> RunCheckedAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await run("ip", arguments, null, cancellationToken);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.StandardError.Trim()}");
    }
}
