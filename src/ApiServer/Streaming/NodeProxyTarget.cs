using System.Net;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// Where <c>nodes/{id}/proxy/{path}</c> goes, decided as upstream's node ResourceLocation decides: the id is
/// <c>name</c>, <c>name:port</c> or <c>scheme:name:port</c> (scheme http or https); no port or the kubelet's port
/// reaches the kubelet with the kubelet transport, any other port the node's address with a plain transport
/// (never a loopback or link-local address, as upstream's IsProxyableHostname refuses them).
/// </summary>
internal static class NodeProxyTarget
{
    /// <summary>The parts of a proxy id; 400 "invalid node request" as upstream's SplitSchemeNamePort rejects.</summary>
    public static (string Scheme, string Name, string Port) Parse(string id)
    {
        var parts = id.Split(':');
        var (scheme, name, port) = parts.Length switch
        {
            1 => ("", parts[0], ""),
            2 => ("", parts[0], parts[1]),
            3 => (parts[0], parts[1], parts[2]),
            _ => ("", "", ""),
        };
        return name.Length > 0 && scheme is "" or "http" or "https"
            ? (scheme, name, port)
            : throw ApiErrors.BadRequest($"invalid node request \"{id}\"");
    }

    /// <summary>The URL of <paramref name="pathAndQuery"/> for the request, and whether it goes to the kubelet itself.</summary>
    public static (Uri Url, bool Kubelet) Locate(KubeletEndpoint kubelet, string scheme, string port, string pathAndQuery)
    {
        if (port.Length == 0 || port == kubelet.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return (kubelet.Url(pathAndQuery), true);
        }

        if (IPAddress.TryParse(kubelet.Host, out var address) && (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || IsIPv4LinkLocal(address)))
        {
            throw ApiErrors.BadRequest("address not allowed");
        }

        var other = new KubeletEndpoint(kubelet.Host, int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and <= IPEndPoint.MaxPort
            ? number
            : throw ApiErrors.BadRequest($"invalid node request port \"{port}\""));
        var url = other.Url(pathAndQuery);
        return (scheme == "https" ? new UriBuilder(url) { Scheme = "https" }.Uri : url, false);
    }

    /// <summary>upstream's path.Join of the proxy path: cleaned ("." and ".." resolved), rooted, no trailing slash.</summary>
    public static string CleanPath(IEnumerable<string> segments)
    {
        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                continue;
            }

            kept.Add(Uri.EscapeDataString(segment));
        }

        return "/" + string.Join('/', kept);
    }

    private static bool IsIPv4LinkLocal(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, ..];
}
