using System.Globalization;
using k8s.Models;

namespace Orchestrator.Dns.Records;

/// <summary>
/// The records of the Services of a cluster (kubernetes/dns specification 1.1.0, as CoreDNS's
/// kubernetes plugin serves them), as a pure function of Services and EndpointSlices:
/// <list type="bullet">
/// <item>ClusterIP: <c>svc.ns.svc.zone</c> A/AAAA per cluster IP, <c>_port._proto.svc.ns.svc.zone</c> SRV per named port, PTR per cluster IP.</item>
/// <item>Headless (clusterIP None): one A/AAAA per ready endpoint address (no name at all when none is ready, so NXDOMAIN),
/// <c>hostname.svc.ns.svc.zone</c> per endpoint (hostname, else the dashed address), SRV per named port and endpoint pointing at that name, PTR per endpoint address.</item>
/// <item>ExternalName: CNAME to the external name.</item>
/// <item><c>dns-version.zone</c> TXT "1.1.0".</item>
/// </list>
/// </summary>
internal static class ServiceRecords
{
    public const string SchemaVersion = "1.1.0";
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public static List<DnsRecord> Compute(string zone, IEnumerable<V1Service> services, IEnumerable<V1EndpointSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(slices);
        var slicesByService = slices
            .Where(s => s.Metadata?.Labels?.ContainsKey(ServiceNameLabel) == true)
            .ToLookup(s => (s.Metadata.NamespaceProperty ?? "", s.Metadata.Labels[ServiceNameLabel]));
        var records = new List<DnsRecord> { new($"dns-version.{zone}", DnsType.Txt, SchemaVersion) };
        foreach (var service in services)
        {
            var ns = service.Metadata?.NamespaceProperty;
            var name = service.Metadata?.Name;
            if (string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(name) || service.Spec is null)
            {
                continue;
            }

            var fqdn = $"{name}.{ns}.svc.{zone}".ToLowerInvariant();
            if (service.Spec.Type == "ExternalName")
            {
                if (!string.IsNullOrEmpty(service.Spec.ExternalName))
                {
                    records.Add(new DnsRecord(fqdn, DnsType.Cname, DnsNames.Normalize(service.Spec.ExternalName)));
                }
            }
            else if (service.Spec.ClusterIP == "None")
            {
                AddHeadless(records, fqdn, slicesByService[(ns, name)]);
            }
            else
            {
                AddClusterIp(records, fqdn, service.Spec);
            }
        }

        return records;
    }

    private static void AddClusterIp(List<DnsRecord> records, string fqdn, V1ServiceSpec spec)
    {
        var ips = (spec.ClusterIPs is { Count: > 0 } list ? list : [spec.ClusterIP])
            .Where(ip => IPAddress.TryParse(ip, out _))
            .ToList();
        if (ips.Count == 0)
        {
            return;
        }

        foreach (var ip in ips)
        {
            records.Add(DnsRecord.Address(fqdn, ip));
            records.Add(new DnsRecord(DnsNames.Reverse(IPAddress.Parse(ip)), DnsType.Ptr, fqdn));
        }

        foreach (var port in spec.Ports ?? [])
        {
            if (!string.IsNullOrEmpty(port.Name))
            {
                records.Add(DnsRecord.Srv(SrvName(port.Name, port.Protocol, fqdn), 100, (ushort)port.Port, fqdn));
            }
        }
    }

    private static void AddHeadless(List<DnsRecord> records, string fqdn, IEnumerable<V1EndpointSlice> slices)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var srv = new List<(string Name, ushort Port, string Target)>();
        foreach (var slice in slices.Where(s => s.AddressType is "IPv4" or "IPv6"))
        {
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                if (endpoint.Conditions?.Ready == false)
                {
                    continue;
                }

                foreach (var ip in (endpoint.Addresses ?? []).Where(a => IPAddress.TryParse(a, out _) && seen.Add(a)))
                {
                    var host = $"{(string.IsNullOrEmpty(endpoint.Hostname) ? DnsNames.Dashed(ip) : endpoint.Hostname.ToLowerInvariant())}.{fqdn}";
                    records.Add(DnsRecord.Address(fqdn, ip));
                    records.Add(DnsRecord.Address(host, ip));
                    records.Add(new DnsRecord(DnsNames.Reverse(IPAddress.Parse(ip)), DnsType.Ptr, host));
                    srv.AddRange((slice.Ports ?? [])
                        .Where(p => !string.IsNullOrEmpty(p.Name) && p.Port is > 0 and <= ushort.MaxValue)
                        .Select(p => (SrvName(p.Name, p.Protocol, fqdn), (ushort)p.Port!.Value, host)));
                }
            }
        }

        // CoreDNS spreads the weight of a name's SRV records evenly over them (100 / count).
        foreach (var group in srv.GroupBy(s => s.Name, StringComparer.Ordinal))
        {
            var weight = (ushort)Math.Max(1, 100 / group.Count());
            records.AddRange(group.Select(s => DnsRecord.Srv(s.Name, weight, s.Port, s.Target)));
        }
    }

    private static string SrvName(string port, string? protocol, string fqdn) =>
        string.Create(CultureInfo.InvariantCulture, $"_{port.ToLowerInvariant()}._{(protocol ?? "TCP").ToLowerInvariant()}.{fqdn}");
}
