namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>endpoints: NAME ENDPOINTS AGE, where ENDPOINTS lists up to three ready "ip:port" pairs.</summary>
internal sealed class EndpointsPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Endpoints", "The ready addresses of the endpoints, each with every port of its subset.", obj => Format(obj)),
    CommonColumns.Age)
{
    /// <summary>"10.0.0.1:80,10.0.0.2:80 + 4 more..."; "&lt;none&gt;" without subsets; bare IPs for a subset without ports.</summary>
    public static string Format(JsonObject endpoints)
    {
        var subsets = endpoints.Objects("subsets");
        if (subsets.Count == 0)
        {
            return "<none>";
        }

        var all = subsets.SelectMany(subset =>
        {
            var ips = subset.Objects("addresses").Select(a => a.String("ip")).ToList();
            var ports = subset.Objects("ports");
            return ports.Count == 0
                ? ips
                : ports.SelectMany(port => ips.Select(ip => HostPort(ip, port.Long("port"))));
        }).ToList();

        return ObjectCells.FirstThree(all);
    }

    /// <summary>Go's net.JoinHostPort: IPv6 addresses in brackets.</summary>
    private static string HostPort(string ip, long port) => ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]:{port}" : $"{ip}:{port}";
}
