namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// Where <c>services/{id}/proxy</c> goes, as upstream's service ResourceLocation decides: a port number names the
/// Service port with that number (its name; 503 when the Service has none), a port name is used as it is; then the
/// Service's Endpoints are searched from a random subset and, in a subset with a port of that name, from a random ready
/// address. An address counts only when it refers to a pod of the same namespace (the caller then checks the pod has
/// that IP). The searches are pure; <see cref="Random"/> is passed in.
/// </summary>
internal static class ServiceProxyLocation
{
    /// <summary>The endpoint port name <paramref name="id"/> asks for; <paramref name="service"/> is read only for a port number.</summary>
    public static string PortName(ProxyId id, Func<JsonObject> service)
    {
        if (!long.TryParse(id.Port, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return id.Port;
        }

        var ports = service()["spec"]?["ports"] as JsonArray ?? [];
        var match = ports.OfType<JsonObject>().FirstOrDefault(p => p["port"]?.GetValue<long>() == number);
        return match is null
            ? throw new ApiException(503, "ServiceUnavailable", $"no service port {number} found for service \"{id.Name}\"")
            : match["name"]?.GetValue<string>() ?? "";
    }

    /// <summary>
    /// The addresses to try, in upstream's order; 503 "no endpoints available" when the Endpoints have no subsets.
    /// An empty answer means no subset serves the port (the caller answers the same 503 with the whole id).
    /// </summary>
    public static IReadOnlyList<ServiceProxyCandidate> Candidates(JsonObject endpoints, string portName, string ns, string serviceName, Random random)
    {
        var subsets = (endpoints["subsets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (subsets.Count == 0)
        {
            throw NoEndpoints(serviceName);
        }

        var candidates = new List<ServiceProxyCandidate>();
        var subsetSeed = random.Next(subsets.Count);
        for (var s = 0; s < subsets.Count; s++)
        {
            var subset = subsets[(subsetSeed + s) % subsets.Count];
            var addresses = (subset["addresses"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (addresses.Count == 0)
            {
                continue;
            }

            foreach (var port in (subset["ports"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (p["name"]?.GetValue<string>() ?? "") == portName))
            {
                var addressSeed = random.Next(addresses.Count);
                for (var a = 0; a < addresses.Count; a++)
                {
                    var address = addresses[(addressSeed + a) % addresses.Count];
                    if (address["targetRef"] is JsonObject target && (target["namespace"]?.GetValue<string>() ?? "") == ns
                        && target["name"]?.GetValue<string>() is { Length: > 0 } pod && address["ip"]?.GetValue<string>() is { } ip)
                    {
                        candidates.Add(new ServiceProxyCandidate(ip, port["port"]?.GetValue<int>() ?? 0, pod));
                    }
                }
            }
        }

        return candidates;
    }

    /// <summary>Upstream's 503 when no address can be used.</summary>
    public static ApiException NoEndpoints(string what) => new(503, "ServiceUnavailable", $"no endpoints available for service \"{what}\"");

    /// <summary>Whether <paramref name="pod"/> has <paramref name="ip"/> among its IPs (upstream's isValidAddress).</summary>
    public static bool PodHasIp(JsonObject pod, string ip) =>
        (pod["status"]?["podIPs"] as JsonArray ?? []).Any(p => p?["ip"]?.GetValue<string>() == ip);
}
