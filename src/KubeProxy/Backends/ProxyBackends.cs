using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Backends.Hns;
using Orchestrator.KubeProxy.Backends.Iptables;
using Orchestrator.KubeProxy.Backends.Nftables;

namespace Orchestrator.KubeProxy.Backends;

/// <summary>The proxy modes by <c>--mode</c> name.</summary>
public static class ProxyBackends
{
    private static readonly Dictionary<string, Func<ILoggerFactory, IProxyBackend>> Factories = new(StringComparer.Ordinal)
    {
        ["nftables"] = loggers => new NftablesBackend(NftCommand.Host, NftTransport.Netlink, loggers.CreateLogger<NftablesBackend>()),
        ["iptables"] = loggers => new IptablesBackend(new IptablesBackendOptions(), IptablesHost.Local, TimeProvider.System, loggers.CreateLogger<IptablesBackend>()),
        ["hns"] = loggers => CreateHns(HnsOptions.FromEnvironment(), loggers),
    };

    public static IReadOnlyCollection<string> Modes => Factories.Keys;

    /// <summary>A new backend for <paramref name="mode"/>; an unknown mode is an error naming the known ones.</summary>
    public static IProxyBackend Create(string mode, ILoggerFactory? loggers = null) =>
        Factories.TryGetValue(mode, out var create)
            ? create(loggers ?? NullLoggerFactory.Instance)
            : throw new ArgumentException($"unknown proxy mode '{mode}' (supported: {string.Join(", ", Factories.Keys)})");

    /// <summary>
    /// The HNS mode with explicit settings. It programs Windows' HNS through computenetwork.dll, so anywhere else it
    /// is an error (its <c>--dry-run</c> needs no backend: <see cref="HnsDryRun"/>).
    /// </summary>
    public static IProxyBackend CreateHns(HnsOptions options, ILoggerFactory? loggers = null) =>
        OperatingSystem.IsWindows()
            ? new HnsBackend(new HcnNative(), options, (loggers ?? NullLoggerFactory.Instance).CreateLogger<HnsBackend>())
            : throw new ArgumentException("the hns proxy mode programs Windows HNS (computenetwork.dll) and runs only on Windows; --dry-run works on any OS");
}
