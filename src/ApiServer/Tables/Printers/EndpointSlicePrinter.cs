namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>endpointslices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, each list cut at three with " + N more...".</summary>
internal sealed class EndpointSlicePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("AddressType", "The type of address carried by this slice: IPv4, IPv6 or FQDN.", obj => obj.String("addressType")),
    Column.String("Ports", "The network ports exposed by each endpoint of this slice.", obj => Ports(obj)),
    Column.String(
        "Endpoints",
        "The addresses of the endpoints in this slice.",
        obj => List(obj.Objects("endpoints").SelectMany(e => e.Strings("addresses")).ToList())),
    CommonColumns.Age)
{
    /// <summary>Each port's number, else its name, else "*".</summary>
    private static string Ports(JsonObject slice) => List(slice.Objects("ports")
        .Select(p => p.LongOrNull("port")?.ToString(CultureInfo.InvariantCulture) ?? p.StringOrNull("name") ?? "*")
        .ToList());

    /// <summary>"a,b,c + 2 more..."; "&lt;unset&gt;" when empty.</summary>
    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "<unset>" : ObjectCells.FirstThree(items);
}
