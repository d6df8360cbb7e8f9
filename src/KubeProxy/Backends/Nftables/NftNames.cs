namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// Upstream's nftables names (pkg/proxy/nftables/proxier.go servicePortChainNameBase /
/// servicePortEndpointChainNameBase): 8 base32 characters of SHA-256 of the readable part, a dash, the readable part
/// <c>ns/name/proto/port</c> (plus <c>__IP/port</c> for an endpoint), truncated to 240 characters.
/// </summary>
internal static class NftNames
{
    public const string Table = "ip kube-proxy";
    private const int BaseLengthMax = 256 - 16;

    public static string ServiceBase(ServicePortName name) =>
        Hashed($"{name.Namespace}/{name.Name}/{name.Protocol}/{name.Port}");

    public static string EndpointBase(ServicePortName name, EndpointPlan endpoint) =>
        Hashed(string.Create(CultureInfo.InvariantCulture, $"{name.Namespace}/{name.Name}/{name.Protocol}/{name.Port}__{endpoint.Ip}/{endpoint.Port}"));

    public const string ServicePrefix = "service-";
    public const string LocalPrefix = "local-";
    public const string ExternalPrefix = "external-";
    public const string EndpointPrefix = "endpoint-";
    public const string AffinityPrefix = "affinity-";

    public static string ServiceChain(ServicePortName name) => ServicePrefix + ServiceBase(name);

    public static string LocalChain(ServicePortName name) => LocalPrefix + ServiceBase(name);

    public static string ExternalChain(ServicePortName name) => ExternalPrefix + ServiceBase(name);

    public static string EndpointChain(ServicePortName name, EndpointPlan endpoint) => EndpointPrefix + EndpointBase(name, endpoint);

    public static string AffinitySet(ServicePortName name, EndpointPlan endpoint) => AffinityPrefix + EndpointBase(name, endpoint);

    private static string Hashed(string readable)
    {
        var name = RuleNames.Hash(readable, 8) + "-" + readable;
        return name.Length > BaseLengthMax ? name[..(BaseLengthMax - 3)] + "..." : name;
    }
}
