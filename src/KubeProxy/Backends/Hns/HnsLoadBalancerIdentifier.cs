using System.Security.Cryptography;

namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// winkernel's loadBalancerIdentifier: two LBs with equal identifiers are the same LB, so an existing one is reused.
/// <paramref name="EndpointsHash"/> is the XOR of sha1(upper(endpoint GUID)) over the backends, so order does not matter.
/// </summary>
public sealed record HnsLoadBalancerIdentifier(uint Protocol, ushort InternalPort, ushort ExternalPort, string Vip, string EndpointsHash)
{
    public static HnsLoadBalancerIdentifier Of(HcnLoadBalancer loadBalancer)
    {
        ArgumentNullException.ThrowIfNull(loadBalancer);
        var mapping = loadBalancer.PortMappings is [var first, ..] ? first : new HcnPortMapping();
        return new HnsLoadBalancerIdentifier(
            mapping.Protocol,
            mapping.InternalPort,
            mapping.ExternalPort,
            loadBalancer.FrontendVips is [var vip, ..] ? vip : "",
            HashEndpoints(loadBalancer.HostComputeEndpoints ?? []));
    }

    public static string HashEndpoints(IEnumerable<string> endpointIds)
    {
        ArgumentNullException.ThrowIfNull(endpointIds);
        var hash = new byte[SHA1.HashSizeInBytes];
        foreach (var id in endpointIds)
        {
#pragma warning disable CA5350 // SHA-1 is what winkernel hashes with; this is an identity, not a security check.
            var one = SHA1.HashData(Encoding.UTF8.GetBytes(id.ToUpperInvariant()));
#pragma warning restore CA5350
            for (var i = 0; i < hash.Length; i++)
            {
                hash[i] ^= one[i];
            }
        }

        return Convert.ToHexStringLower(hash);
    }
}
