using Orchestrator.KubeProxy.Backends.Nftables;

namespace Orchestrator.KubeProxy.Backends;

/// <summary>The proxy modes by <c>--mode</c> name.</summary>
public static class ProxyBackends
{
    private static readonly Dictionary<string, Func<IProxyBackend>> Factories = new(StringComparer.Ordinal)
    {
        ["nftables"] = () => new NftablesBackend(),
        // The iptables mode registers here.
    };

    public static IReadOnlyCollection<string> Modes => Factories.Keys;

    /// <summary>A new backend for <paramref name="mode"/>; an unknown mode is an error naming the known ones.</summary>
    public static IProxyBackend Create(string mode) =>
        Factories.TryGetValue(mode, out var create)
            ? create()
            : throw new ArgumentException($"unknown proxy mode '{mode}' (supported: {string.Join(", ", Factories.Keys)})");
}
