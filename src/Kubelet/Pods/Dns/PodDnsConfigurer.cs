using Orchestrator.ApiMachinery.Dns;

namespace Orchestrator.Kubelet.Pods.Dns;

/// <summary>
/// A pod's DNS settings by its dnsPolicy, as upstream's kubelet (pkg/kubelet/network/dns): ClusterFirst
/// (the default) → the cluster DNS servers, search &lt;ns&gt;.svc.&lt;domain&gt; svc.&lt;domain&gt; &lt;domain&gt;
/// then the host's search domains, options ndots:5; a hostNetwork pod with ClusterFirst, or any pod when
/// no cluster DNS is configured, gets Default; ClusterFirstWithHostNet → cluster DNS; Default → the
/// host's resolv.conf; None → nothing but the pod's dnsConfig. The pod's dnsConfig is then merged
/// (servers and searches appended without duplicates, options by name, the pod's winning) and the
/// result cut to the resolver's limits (3 servers, 32 search domains of at most 2048 characters).
/// </summary>
internal sealed class PodDnsConfigurer(IReadOnlyList<string> clusterDns, string clusterDomain, ResolvConf host)
{
    public const int MaxNameservers = 3;
    public const int MaxSearchDomains = 32;
    public const int MaxSearchChars = 2048;
    private static readonly string[] ClusterOptions = ["ndots:5"];

    public static PodDnsConfigurer FromOptions(KubeletOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PodDnsConfigurer(options.ClusterDns, options.ClusterDomain, string.IsNullOrEmpty(options.ResolvConf) ? ResolvConf.Empty : ResolvConf.Read(options.ResolvConf));
    }

    public PodDnsSettings Configure(V1PodSpec spec, string ns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = Policy(spec) switch
        {
            "None" => new PodDnsSettings([], [], []),
            "Cluster" when clusterDns.Count > 0 => new PodDnsSettings(clusterDns, ClusterSearches(ns), ClusterOptions),
            _ => new PodDnsSettings(host.Nameservers, host.Searches, host.Options),
        };
        if (spec.DnsConfig is { } custom)
        {
            settings = new PodDnsSettings(
                [.. settings.Servers.Concat(custom.Nameservers ?? []).Distinct(StringComparer.Ordinal)],
                [.. settings.Searches.Concat(custom.Searches ?? []).Distinct(StringComparer.Ordinal)],
                ResolvConf.MergeOptions(settings.Options, (custom.Options ?? []).Select(o => string.IsNullOrEmpty(o.Value) ? o.Name : $"{o.Name}:{o.Value}")));
        }

        return settings with { Servers = [.. settings.Servers.Take(MaxNameservers)], Searches = FitSearches(settings.Searches) };
    }

    /// <summary>"Cluster", "Host" or "None"; an unknown policy is refused (the API server validates it, so this is a bug).</summary>
    private static string Policy(V1PodSpec spec) => spec.DnsPolicy switch
    {
        "None" => "None",
        "ClusterFirstWithHostNet" => "Cluster",
        null or "" or "ClusterFirst" => spec.HostNetwork == true ? "Host" : "Cluster",
        "Default" => "Host",
        _ => throw new ArgumentException($"unsupported dnsPolicy \"{spec.DnsPolicy}\""),
    };

    private List<string> ClusterSearches(string ns)
    {
        if (string.IsNullOrEmpty(clusterDomain))
        {
            return [.. host.Searches];
        }

        return [.. new[] { $"{ns}.svc.{clusterDomain}", $"svc.{clusterDomain}", clusterDomain }.Concat(host.Searches).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>At most <see cref="MaxSearchDomains"/> domains, and only as many as fit <see cref="MaxSearchChars"/> joined by spaces.</summary>
    private static List<string> FitSearches(IEnumerable<string> searches)
    {
        var fitted = new List<string>();
        var chars = 0;
        foreach (var search in searches.Take(MaxSearchDomains))
        {
            chars += search.Length + (fitted.Count > 0 ? 1 : 0);
            if (chars > MaxSearchChars)
            {
                break;
            }

            fitted.Add(search);
        }

        return fitted;
    }
}
