using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Backends.Iptables;
using Orchestrator.KubeProxy.Backends.Nftables;

namespace Orchestrator.KubeProxy.Backends;

/// <summary>The proxy modes by <c>--mode</c> name.</summary>
public static class ProxyBackends
{
    private static readonly Dictionary<string, Func<ILoggerFactory, IProxyBackend>> Factories = new(StringComparer.Ordinal)
    {
        ["nftables"] = _ => new NftablesBackend(),
        ["iptables"] = loggers => new IptablesBackend(new IptablesBackendOptions(), IptablesHost.Local, TimeProvider.System, loggers.CreateLogger<IptablesBackend>()),
    };

    public static IReadOnlyCollection<string> Modes => Factories.Keys;

    /// <summary>A new backend for <paramref name="mode"/>; an unknown mode is an error naming the known ones.</summary>
    public static IProxyBackend Create(string mode, ILoggerFactory? loggers = null) =>
        Factories.TryGetValue(mode, out var create)
            ? create(loggers ?? NullLoggerFactory.Instance)
            : throw new ArgumentException($"unknown proxy mode '{mode}' (supported: {string.Join(", ", Factories.Keys)})");
}
