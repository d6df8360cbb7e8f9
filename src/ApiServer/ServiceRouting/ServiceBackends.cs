using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.ServiceRouting;

/// <summary>
/// Which backend of a Service the API server dials, as upstream's endpoint routing resolver
/// (apiserver pkg/util/proxy ResolveEndpoint, <c>--enable-aggregator-routing=true</c>): the service port
/// by number or name; the EndpointSlices of the service, those of the service's primary IP family
/// first, each in random order; in the first slice with a port of the service port's name, a ready
/// endpoint (an unset condition counts as ready) from a random offset, its first address and the
/// slice port's number (the target port). An ExternalName service is dialled at its name on the
/// requested port. Pure apart from the randomness it is given.
/// </summary>
internal static class ServiceBackends
{
    /// <summary>The backend's base URL (<c>https://address:port</c>) for <paramref name="reference"/>.</summary>
    /// <param name="service">The Service; null when it does not exist.</param>
    /// <param name="slices">The EndpointSlices labelled with the service's name.</param>
    /// <exception cref="ApiException">503 ServiceUnavailable with upstream's text when there is nothing to dial.</exception>
    public static Uri Choose(ServiceReference reference, JsonObject? service, IReadOnlyList<JsonObject> slices, Random random)
    {
        if (service is null)
        {
            throw Unavailable($"service \"{reference.Name}\" not found");
        }

        var type = service.StringOrNull("spec", "type") ?? "ClusterIP";
        if (type == "ExternalName")
        {
            var port = reference.Port ?? PortOf(service, reference).Port;
            return Https(service.String("spec", "externalName"), port);
        }

        if (type is not ("ClusterIP" or "NodePort" or "LoadBalancer"))
        {
            throw Unavailable($"unsupported service type \"{type}\"");
        }

        var servicePort = PortOf(service, reference);
        foreach (var slice in Ordered(service, slices, random))
        {
            if (Endpoint(slice, servicePort.Name, random) is { } backend)
            {
                return backend;
            }
        }

        throw Unavailable($"no endpoints available for service \"{reference.Name}\"");
    }

    private static (string Name, int Port) PortOf(JsonObject service, ServiceReference reference)
    {
        foreach (var port in service.Objects("spec", "ports"))
        {
            var number = (int)port.Long("port");
            var name = port.String("name");
            if (reference.Port is { } wanted ? number == wanted : name == reference.PortName)
            {
                return (name, number);
            }
        }

        var asked = reference.Port is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"\"{reference.PortName}\"";
        throw Unavailable($"no service port {asked} found for service \"{reference.Name}\"");
    }

    /// <summary>The slices in random order, those of the service's first IP family ahead of the others.</summary>
    private static IEnumerable<JsonObject> Ordered(JsonObject service, IReadOnlyList<JsonObject> slices, Random random)
    {
        var primary = service.Strings("spec", "ipFamilies") is [var first, ..] ? first : null;
        var shuffled = slices.ToArray();
        random.Shuffle(shuffled);
        return primary is null ? shuffled : shuffled.OrderBy(s => s.String("addressType") == primary ? 0 : 1);
    }

    private static Uri? Endpoint(JsonObject slice, string portName, Random random)
    {
        var endpoints = slice.Objects("endpoints");
        foreach (var port in slice.Objects("ports"))
        {
            // A slice port without a name stands for the service port named "".
            if (port.String("name") != portName || port.LongOrNull("port") is not { } number || endpoints.Count == 0)
            {
                continue;
            }

            var offset = random.Next(endpoints.Count);
            for (var i = 0; i < endpoints.Count; i++)
            {
                var endpoint = endpoints[(i + offset) % endpoints.Count];
                if (endpoint.BoolOrNull("conditions", "ready") is null or true && endpoint.Strings("addresses") is [var address, ..])
                {
                    return Https(address, (int)number);
                }
            }
        }

        return null;
    }

    private static Uri Https(string host, int port) =>
        new UriBuilder(Uri.UriSchemeHttps, host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host, port).Uri;

    private static ApiException Unavailable(string message) => new(503, "ServiceUnavailable", message);
}
