namespace Orchestrator.ApiServer.ServiceRouting;

/// <summary>
/// A Service the API server calls (a webhook's <c>clientConfig.service</c>, an APIService's <c>spec.service</c>):
/// its namespace and name, the service port by number or by name, and the URL path to call.
/// </summary>
/// <param name="Port">The service port's number (what webhooks and APIServices give); null when <paramref name="PortName"/> names it.</param>
/// <param name="PortName">The service port's name; null when <paramref name="Port"/> gives the number.</param>
/// <param name="Path">The path to call, "" for the root.</param>
internal sealed record ServiceReference(string Namespace, string Name, int? Port, string? PortName = null, string Path = "")
{
    /// <summary>The name a backend's serving certificate must hold: <c>&lt;name&gt;.&lt;namespace&gt;.svc</c> (upstream's webhook client and aggregator).</summary>
    public string ServerName => $"{Name}.{Namespace}.svc";

    /// <summary>
    /// The URL a service-routing client of <see cref="BackendClients"/> is given: <c>https://&lt;svc&gt;.&lt;ns&gt;.svc:&lt;port&gt;&lt;path&gt;</c>,
    /// dialled through the service's endpoints and verified against <see cref="ServerName"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A reference by port name: the URL needs the number.</exception>
    public Uri Url => new UriBuilder(Uri.UriSchemeHttps, ServerName, Port ?? throw new InvalidOperationException("a service URL needs the port number"), Path).Uri;

    /// <summary>Whether <paramref name="host"/> is a <see cref="ServerName"/>, and of which service.</summary>
    public static bool TryParseServerName(string host, out string ns, out string name)
    {
        // Service names are DNS-1035 labels and namespaces DNS-1123 labels: neither holds a dot.
        var parts = host.Split('.');
        if (parts is [var n, var space, "svc"] && n.Length > 0 && space.Length > 0)
        {
            (ns, name) = (space, n);
            return true;
        }

        (ns, name) = ("", "");
        return false;
    }
}
