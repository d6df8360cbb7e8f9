namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// Where <c>nodes/{id}/proxy/{path}</c> goes, decided as upstream's node ResourceLocation decides (the id parsed by
/// <see cref="Proxy.ProxyId"/>): no port or the kubelet's port reaches the kubelet with the kubelet transport, any other
/// port the node's address with a plain transport (never a loopback or link-local address, as upstream's
/// IsProxyableHostname refuses them).
/// </summary>
internal static class NodeProxyTarget
{
    /// <summary>The origin (scheme://host:port) for the request, and whether it is the kubelet itself.</summary>
    public static (Uri Origin, bool Kubelet) Locate(KubeletEndpoint kubelet, string scheme, string port)
    {
        if (port.Length == 0 || port == kubelet.Port.ToString(CultureInfo.InvariantCulture))
        {
            return (kubelet.Url("/"), true);
        }

        if (IPAddress.TryParse(kubelet.Host, out var address) && (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || IsIPv4LinkLocal(address)))
        {
            throw ApiErrors.BadRequest("address not allowed");
        }

        var other = new KubeletEndpoint(kubelet.Host, int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= IPEndPoint.MaxPort
            ? number
            : throw ApiErrors.BadRequest($"invalid node request port \"{port}\""));
        var url = other.Url("/");
        return (scheme == "https" ? new UriBuilder(url) { Scheme = "https" }.Uri : url, false);
    }

    private static bool IsIPv4LinkLocal(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, ..];
}
