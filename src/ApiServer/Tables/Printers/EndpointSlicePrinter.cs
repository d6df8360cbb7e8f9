using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>endpointslices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, each list cut at three with " + N more...".</summary>
internal sealed class EndpointSlicePrinter : ITablePrinter
{
    private const int Shown = 3;

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("AddressType", "string", "The type of address carried by this slice: IPv4, IPv6 or FQDN."),
        new("Ports", "string", "The network ports exposed by each endpoint of this slice."),
        new("Endpoints", "string", "The addresses of the endpoints in this slice."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var ports = obj.Objects("ports")
            .Select(p => p.LongOrNull("port")?.ToString(CultureInfo.InvariantCulture) ?? p.StringOrNull("name") ?? "*")
            .ToList();
        var addresses = obj.Objects("endpoints").SelectMany(e => e.Strings("addresses")).ToList();
        return new JsonArray(ObjectCells.Name(obj), obj.String("addressType"), List(ports), List(addresses), ObjectCells.Age(obj, now));
    }

    /// <summary>"a,b,c + 2 more..."; "&lt;unset&gt;" when empty.</summary>
    private static string List(IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return "<unset>";
        }

        var text = string.Join(",", items.Take(Shown));
        return items.Count > Shown ? $"{text} + {items.Count - Shown} more..." : text;
    }
}
