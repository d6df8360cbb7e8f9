namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's kubelet-managed /etc/hosts (<c>managedHostsFileContent</c>, <c>nodeHostsFileContent</c>,
/// <c>GeneratePodHostNameAndDomain</c>): localhost entries and the pod's IPs with its hostname
/// (and FQDN when it has a subdomain), or the node's own hosts file for host-network pods; then the
/// pod's hostAliases.
/// </summary>
internal static class EtcHosts
{
    public const string ContainerPath = "/etc/hosts";
    public const string DefaultClusterDomain = "cluster.local";
    private const int MaxHostnameLength = 63;

    /// <summary>The pod's hostname and, when it has a subdomain, its domain (<c>subdomain.ns.svc.clusterDomain</c>).</summary>
    public static (string Hostname, string? Domain) HostnameAndDomain(V1Pod pod, string clusterDomain = DefaultClusterDomain)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var hostname = pod.Spec?.Hostname is { Length: > 0 } h ? h : pod.Metadata?.Name ?? string.Empty;
        if (hostname.Length > MaxHostnameLength)
        {
            hostname = hostname[..MaxHostnameLength].TrimEnd('-', '.'); // upstream truncates the pod name and trims what cannot end a hostname
        }

        var domain = pod.Spec?.Subdomain is { Length: > 0 } sub ? $"{sub}.{pod.Metadata?.NamespaceProperty}.svc.{clusterDomain}" : null;
        return (hostname, domain);
    }

    /// <summary>The file for a pod on the pod network.</summary>
    public static string ManagedContent(V1Pod pod, IReadOnlyList<string> podIps, string clusterDomain = DefaultClusterDomain)
    {
        var (hostname, domain) = HostnameAndDomain(pod, clusterDomain);
        var sb = new StringBuilder("# Kubernetes-managed hosts file.\n")
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::0\tip6-localnet\n")
            .Append("fe00::0\tip6-mcastprefix\n")
            .Append("fe00::1\tip6-allnodes\n")
            .Append("fe00::2\tip6-allrouters\n");
        foreach (var ip in podIps)
        {
            sb.Append(ip).Append('\t').Append(domain is null ? hostname : $"{hostname}.{domain}\t{hostname}").Append('\n');
        }

        return sb.Append(Aliases(pod)).ToString();
    }

    /// <summary>The file for a host-network pod: the node's hosts file, then the pod's hostAliases.</summary>
    public static string HostNetworkContent(V1Pod pod, string nodeHostsFile) =>
        "# Kubernetes-managed hosts file (host network).\n" + nodeHostsFile + Aliases(pod);

    private static string Aliases(V1Pod pod)
    {
        if (pod.Spec?.HostAliases is not { Count: > 0 } aliases)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("\n# Entries added by HostAliases.\n");
        foreach (var alias in aliases)
        {
            sb.Append(alias.Ip).Append('\t').Append(string.Join('\t', alias.Hostnames ?? [])).Append('\n');
        }

        return sb.ToString();
    }
}
