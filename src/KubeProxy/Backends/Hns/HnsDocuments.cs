using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// The <c>--dry-run</c> output of the HNS mode: <c>{"endpoints": [...], "loadBalancers": [...]}</c>, HCN v2 documents.
/// Local endpoints are listed as references (ID, network, IP; no flags: CNI creates them), remote ones as the
/// documents the proxy would create (Flags 1, MAC 02-11-…, ProviderAddress policy on Overlay).
/// </summary>
public sealed record HnsDocuments(
    [property: JsonPropertyName("endpoints")] IReadOnlyList<HcnEndpoint> Endpoints,
    [property: JsonPropertyName("loadBalancers")] IReadOnlyList<HcnLoadBalancer> LoadBalancers)
{
    /// <summary>The documents for <paramref name="state"/>, endpoint GUIDs given by <paramref name="endpointId"/>.</summary>
    public static HnsDocuments Build(HnsDesiredState state, HnsNetworkInfo network, Func<string, string> endpointId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(endpointId);
        // Every backend IP is looked up once, however many load balancers use it.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var cached = endpointId;
        endpointId = ip => ids.TryGetValue(ip, out var id) ? id : ids[ip] = cached(ip);
        var endpoints = state.Endpoints
            .Select(e => e.IsLocal ? e.ToLocalReference(network.Id, endpointId(e.Ip)) : e.ToRemoteDocument(network.Id, endpointId(e.Ip)))
            .ToList();
        return new HnsDocuments(endpoints, [.. state.LoadBalancers.Select(lb => lb.ToDocument(endpointId))]);
    }

    /// <summary>Indented JSON with a final newline (what <c>--dry-run</c> prints; the golden files hold it).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, HcnJson.Indented) + "\n";

    /// <summary>
    /// The GUID dry-run gives an object no HNS has numbered: a name-based (version 5 style) UUID from SHA-1 of
    /// <c>orchestrator.dev/hns/</c> + <paramref name="name"/> (an endpoint's IP, a network's name), upper case as HNS
    /// writes GUIDs. Stable across runs, so the output diffs cleanly.
    /// </summary>
    public static string DeterministicGuid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
#pragma warning disable CA5350 // a name-based UUID, not a security use.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("orchestrator.dev/hns/" + name));
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D").ToUpperInvariant();
    }
}
