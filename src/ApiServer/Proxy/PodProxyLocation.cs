namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// Where <c>pods/{id}/proxy</c> goes, as upstream's pod ResourceLocation decides: the pod's first IP; the port of the
/// id, else the first port any container declares, else none (the scheme's default); an IP that is not a global unicast
/// address (none yet, loopback, link-local) is 400 "address not allowed".
/// </summary>
internal static class PodProxyLocation
{
    public static Uri Locate(JsonObject pod, ProxyId id)
    {
        var ip = PodIp(pod);
        if (!IPAddress.TryParse(ip, out var address) || !IsGlobalUnicast(address))
        {
            throw ApiErrors.BadRequest("address not allowed");
        }

        var port = id.Port.Length > 0 ? id.Port : FirstContainerPort(pod);
        return Endpoint(id.Scheme, address, port);
    }

    /// <summary>scheme://address[:port] (http when the scheme is empty, as upstream's handler normalizes it).</summary>
    public static Uri Endpoint(string scheme, IPAddress address, string port)
    {
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        if (port.Length > 0 && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= IPEndPoint.MaxPort))
        {
            // Upstream puts the port in the URL as given and the dial fails: Go cannot look a port name up for tcp.
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach service: dial tcp: lookup tcp/{port}: unknown port");
        }

        return new Uri($"{(scheme.Length == 0 ? "http" : scheme)}://{host}{(port.Length == 0 ? "" : ":" + port)}");
    }

    /// <summary>Go's IP.IsGlobalUnicast: not unspecified, loopback, multicast, link-local or the IPv4 broadcast address.</summary>
    public static bool IsGlobalUnicast(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return bytes[0] < 224 && !(bytes[0] == 169 && bytes[1] == 254) && !address.Equals(IPAddress.Broadcast);
        }

        return !address.IsIPv6Multicast && !address.IsIPv6LinkLocal;
    }

    private static string PodIp(JsonObject pod) =>
        pod["status"]?["podIPs"] is JsonArray { Count: > 0 } ips && ips[0]?["ip"]?.GetValue<string>() is { } first
            ? first
            : pod["status"]?["podIP"]?.GetValue<string>() ?? "";

    private static string FirstContainerPort(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray ?? [])
            .Select(c => c?["ports"] as JsonArray)
            .FirstOrDefault(ports => ports is { Count: > 0 })?[0]?["containerPort"]?.GetValue<int>().ToString(CultureInfo.InvariantCulture) ?? "";
}
