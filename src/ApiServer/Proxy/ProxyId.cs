namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// The name part of a proxy request, as upstream's SplitSchemeNamePort splits it: <c>name</c>, <c>name:port</c> or
/// <c>scheme:name:port</c>, the scheme empty, <c>http</c> or <c>https</c>; the port a number or a port name.
/// </summary>
internal readonly record struct ProxyId(string Scheme, string Name, string Port)
{
    /// <summary>The parts of <paramref name="id"/>; else 400 "invalid {kind} request" (kind: pod, service, node).</summary>
    public static ProxyId Parse(string id, string kind)
    {
        var parts = id.Split(':');
        var parsed = parts.Length switch
        {
            1 => new ProxyId("", parts[0], ""),
            2 => new ProxyId("", parts[0], parts[1]),
            3 => new ProxyId(parts[0], parts[1], parts[2]),
            _ => new ProxyId("", "", ""),
        };
        return parsed.Name.Length > 0 && parsed.Scheme is "" or "http" or "https"
            ? parsed
            : throw ApiErrors.BadRequest($"invalid {kind} request \"{id}\"");
    }
}
