using System.Collections.Frozen;

namespace Orchestrator.Dns.Records;

/// <summary>
/// An immutable snapshot of the cluster zone (and the reverse names of its addresses), indexed by
/// name; <see cref="Lookup"/> answers a question the way CoreDNS's kubernetes plugin does. Built once
/// per change of Services or EndpointSlices and shared by every query thread.
/// </summary>
internal sealed class DnsRecords
{
    private const int MaxCnameChain = 8;
    private readonly FrozenDictionary<string, DnsRecord[]> _byName;
    private readonly FrozenSet<string> _nonTerminals;

    public DnsRecords(string zone, uint ttl, uint serial, IEnumerable<DnsRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        Zone = DnsNames.Normalize(zone);
        Ttl = ttl;
        Serial = serial;
        var all = records.Distinct().ToList();
        _byName = all.GroupBy(r => r.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Count = all.Count;

        // Names above a record inside the zone exist without records of their own (RFC 8020): NODATA, not NXDOMAIN.
        var nonTerminals = new HashSet<string>(StringComparer.Ordinal) { Zone, "svc." + Zone, "pod." + Zone };
        foreach (var name in _byName.Keys.Where(n => DnsNames.InZone(n, Zone)))
        {
            for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0 && name.Length - dot - 1 > Zone.Length; dot = name.IndexOf('.', dot + 1))
            {
                nonTerminals.Add(name[(dot + 1)..]);
            }
        }

        _nonTerminals = nonTerminals.ToFrozenSet(StringComparer.Ordinal);
    }

    public string Zone { get; }

    public uint Ttl { get; }

    /// <summary>The SOA serial: changes with every rebuild so secondary caches can tell versions apart.</summary>
    public uint Serial { get; }

    public int Count { get; }

    /// <summary>True for names this snapshot answers for: the zone and the reverse names of its addresses.</summary>
    public bool InZone(string name) => DnsNames.InZone(name, Zone) || _byName.ContainsKey(name);

    /// <summary>The records owned by <paramref name="name"/> (normalised), for tests and diagnostics.</summary>
    public IReadOnlyList<DnsRecord> Get(string name) => _byName.TryGetValue(DnsNames.Normalize(name), out var records) ? records : [];

    /// <summary>
    /// The answer to (<paramref name="name"/>, <paramref name="type"/>), where the name is lower-case
    /// without a trailing dot; null when the zone has nothing to say and the question goes upstream
    /// (names outside the zone, reverse names of addresses it does not know).
    /// </summary>
    public DnsAnswer? Lookup(string name, DnsType type) => Lookup(name, type, 0);

    private DnsAnswer? Lookup(string name, DnsType type, int depth)
    {
        if (_byName.TryGetValue(name, out var records))
        {
            var matching = type == DnsType.Any ? records : Array.FindAll(records, r => r.Type == type);
            if (matching.Length > 0)
            {
                return new DnsAnswer(DnsRcode.NoError, matching);
            }

            if (Array.Find(records, r => r.Type == DnsType.Cname) is { } cname)
            {
                return Chase(cname, type, depth);
            }

            return DnsAnswer.NoData;
        }

        if (!DnsNames.InZone(name, Zone))
        {
            return null;
        }

        if (name == Zone && type is DnsType.Soa or DnsType.Any)
        {
            return new DnsAnswer(DnsRcode.NoError, [new DnsRecord(Zone, DnsType.Soa, Zone)]);
        }

        if (PodAddress(name) is { } pod)
        {
            return type is DnsType.A or DnsType.Any ? new DnsAnswer(DnsRcode.NoError, [new DnsRecord(name, DnsType.A, pod)]) : DnsAnswer.NoData;
        }

        return _nonTerminals.Contains(name) ? DnsAnswer.NoData : DnsAnswer.NameError;
    }

    /// <summary>A CNAME answers every type; a target inside the zone is followed here, as CoreDNS does.</summary>
    private DnsAnswer Chase(DnsRecord cname, DnsType type, int depth)
    {
        if (depth >= MaxCnameChain || !DnsNames.InZone(cname.Data, Zone) || Lookup(cname.Data, type, depth + 1) is not { } target)
        {
            return new DnsAnswer(DnsRcode.NoError, [cname]);
        }

        return new DnsAnswer(target.Rcode, [cname, .. target.Records]);
    }

    /// <summary>The address of a pod name a-b-c-d.namespace.pod.zone (CoreDNS "pods insecure": any address is answered).</summary>
    private string? PodAddress(string name)
    {
        if (name.Length <= Zone.Length)
        {
            return null;
        }

        var labels = name[..^(Zone.Length + 1)].Split('.');
        return labels.Length == 3 && labels[2] == "pod" ? DnsNames.ParseDashedIpv4(labels[0])?.ToString() : null;
    }
}
