using Orchestrator.Dns;
using Orchestrator.KubeProxy;
using Orchestrator.KubeProxy.Backends;
using Orchestrator.KubeProxy.Backends.Hns;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Host.Commands;

/// <summary>
/// What a real node runs beside its kubelet: the service proxy (<c>--proxy-mode nftables|iptables|none</c>, on a Windows
/// node <c>hns|none</c> with <c>--network-name</c>, <c>--source-vip</c>, <c>--enable-dsr</c>) and the node's cluster DNS
/// (<c>--node-dns true|false</c> on <c>--dns-port</c>, published as the local endpoint of kube-system/kube-dns; never on a
/// Windows node, whose pods reach the cluster DNS service on the Linux nodes). Shared by <c>kubelet --runtime containerd</c>,
/// <c>join</c> and <c>up</c>.
/// </summary>
internal sealed record NodeServices(string ProxyMode, bool Dns, int DnsPort, string ClusterDomain, IReadOnlyList<string> ClusterDns)
{
    public const string NoProxy = "none";

    private const string HnsMode = "hns";

    /// <summary>The HNS proxy's settings when <see cref="ProxyMode"/> is hns.</summary>
    public HnsOptions? Hns { get; init; }

    /// <param name="windowsNode">The node is a Windows node (<c>--os windows</c> on a Windows host): HNS proxy, no node DNS.</param>
    public static NodeServices Parse(ParseResult parsed, bool windowsNode = false)
    {
        var proxyMode = parsed.Value<string>("proxy-mode") ?? (windowsNode ? HnsMode : "nftables");
        if (windowsNode != (proxyMode is HnsMode) && proxyMode != NoProxy)
        {
            throw new UsageException(windowsNode
                ? $"--proxy-mode {proxyMode}: a Windows node's proxy mode is {HnsMode} or {NoProxy}"
                : $"--proxy-mode {HnsMode} programs Windows HNS: it needs a Windows node (--os windows on a Windows host)");
        }

        if (proxyMode != HnsMode)
        {
            parsed.Unused($"--proxy-mode {proxyMode}", OptionSets.Hns());
        }

        var hns = proxyMode == HnsMode ? ProxyCommand.HnsArguments(parsed, dryRun: false) : null;
        var dns = parsed.Boolean("node-dns") ?? !windowsNode;
        if (dns && windowsNode)
        {
            throw new UsageException("--node-dns true: a Windows node runs no cluster DNS server (its pods use the kube-dns service on the Linux nodes)");
        }

        return new NodeServices(
            proxyMode,
            dns,
            parsed.Value<int?>("dns-port") ?? 53,
            parsed.Value<string>("cluster-domain") ?? "cluster.local",
            // An array option not given reads as empty, not null; a given one holds at least one address.
            parsed.Value<string[]>("cluster-dns") is { Length: > 0 } clusterDns ? clusterDns : ["10.96.0.10"])
        {
            Hns = hns,
        };
    }

    /// <summary>--cluster-dns: pods' nameservers, a comma-separated list of IP addresses.</summary>
    public static string[] ParseClusterDns(string text)
    {
        var clusterDns = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return clusterDns.Length == 0 || clusterDns.Any(ip => !IPAddress.TryParse(ip, out _))
            ? throw new UsageException($"--cluster-dns must be a comma-separated list of IP addresses, not \"{text}\"")
            : clusterDns;
    }

    /// <summary>--cluster-domain: pods' search domain, without its leading and trailing dots.</summary>
    public static string ParseClusterDomain(string text)
    {
        var domain = text.Trim('.');
        return domain.Length == 0 || domain.Split('.').Any(label => label.Length is 0 or > 63)
            ? throw new UsageException($"--cluster-domain must be a DNS domain, not \"{domain}\"")
            : domain;
    }

    /// <summary>The kubelet's view of these settings: pods' resolv.conf points at <see cref="ClusterDns"/>.</summary>
    public Kubelet.KubeletOptions Apply(Kubelet.KubeletOptions kubelet) => kubelet with { ClusterDns = ClusterDns, ClusterDomain = ClusterDomain };

    /// <summary>
    /// Runs the proxy (with <paramref name="proxyClient"/>) and the DNS server (with <paramref name="dnsClient"/>) for
    /// <paramref name="node"/> until <paramref name="ct"/> is cancelled. A failure of either is logged as an error and
    /// does not stop the node: its pods keep running.
    /// </summary>
    public Task RunAsync(IKubernetes proxyClient, IKubernetes dnsClient, ContainerdNode node, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Orchestrator.NodeServices");
        var running = new List<Task>();
        if (ProxyMode != NoProxy)
        {
            var proxy = new ProxyOptions(node.Options.NodeName, ProxyMode, node.Options.ClusterCidr);
            running.Add(Guard("service proxy", () => new ProxyHost(proxyClient, loggers, proxy, Hns is null ? ProxyBackends.Create(ProxyMode, loggers) : ProxyBackends.CreateHns(Hns, loggers)).RunAsync(ct), logger, ct));
        }

        if (Dns)
        {
            var dns = new DnsOptions
            {
                Domain = ClusterDomain,
                ListenAddress = IPAddress.Parse(node.NodeIp),
                Port = DnsPort,
                NodeName = node.Options.NodeName,
                NodeIp = node.NodeIp,
                ServiceIp = ClusterDns[0],
            };
            running.Add(Guard("cluster DNS", () => DnsHost.RunAsync(dnsClient, dns, loggers, ct), logger, ct));
        }

        return Task.WhenAll(running);
    }

    private static async Task Guard(string what, Func<Task> run, ILogger logger, CancellationToken ct)
    {
        try
        {
            await run();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a node service's failure is reported and must not take the kubelet down
        catch (Exception e)
#pragma warning restore CA1031
        {
#pragma warning disable CA1848, CA2254 // one message per failed service, not a hot path
            logger.LogError(e, $"{what} stopped: {e.Message}; the node keeps running without it");
#pragma warning restore CA1848, CA2254
        }
    }
}
