namespace Orchestrator.ApiServer.Discovery;

/// <summary>
/// Picks the discovery format from Accept. The response Content-Type must then echo the chosen
/// one exactly: kubectl decides how to parse by it (1.27–1.29 only understand v2beta1).
/// </summary>
internal static class DiscoveryNegotiation
{
    public static DiscoveryFormat Choose(string? accept)
    {
        foreach (var range in (accept ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parameters = range.Split(';', StringSplitOptions.TrimEntries);
            if (parameters[0] != "application/json")
            {
                continue;
            }

            var g = Parameter(parameters, "g");
            var v = Parameter(parameters, "v");
            var kind = Parameter(parameters, "as");
            if (g == "apidiscovery.k8s.io" && kind == "APIGroupDiscoveryList")
            {
                if (v == "v2")
                {
                    return DiscoveryFormat.AggregatedV2;
                }

                if (v == "v2beta1")
                {
                    return DiscoveryFormat.AggregatedV2Beta1;
                }
            }
            else if (g is null)
            {
                return DiscoveryFormat.Legacy;
            }
        }

        return DiscoveryFormat.Legacy;
    }

    public static string ContentType(DiscoveryFormat format) => format switch
    {
        DiscoveryFormat.AggregatedV2 => "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
        DiscoveryFormat.AggregatedV2Beta1 => "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
        _ => "application/json",
    };

    private static string? Parameter(string[] parameters, string name) =>
        parameters.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == name)?[1];
}
