using System.Text.RegularExpressions;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// Picks a 10.x network no other interface, route or concurrent orchestrator instance uses, so several
/// test clusters on one host never share a bridge subnet: a /16 (cluster CIDR) or a /24 (single-node pod CIDR)
/// inside 10.64.0.0 – 10.250.255.255. Candidates are taken by a reservation file (<see cref="SubnetReservation"/>).
/// </summary>
public static partial class NetworkAllocator
{
    public const int FirstSecondOctet = 64;
    public const int LastSecondOctet = 250;

    /// <summary>How many candidate networks of <paramref name="prefixLength"/> (16 or 24) the range holds.</summary>
    public static int CandidateCount(int prefixLength) => prefixLength switch
    {
        16 => LastSecondOctet - FirstSecondOctet + 1,
        24 => (LastSecondOctet - FirstSecondOctet + 1) * 256,
        _ => throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "only /16 and /24 networks are allocated"),
    };

    /// <summary>Candidate number <paramref name="index"/> (0-based, in address order).</summary>
    public static Ipv4Cidr Candidate(int prefixLength, int index)
    {
        var count = CandidateCount(prefixLength);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var network = (10u << 24) | ((uint)FirstSecondOctet << 16) + (prefixLength == 16 ? (uint)index << 16 : (uint)index << 8);
        return new Ipv4Cidr(network, prefixLength);
    }

    /// <summary>
    /// The candidates that overlap none of <paramref name="inUse"/>, starting at <paramref name="startIndex"/> and
    /// wrapping around (a random start spreads concurrent callers apart).
    /// </summary>
    public static IEnumerable<Ipv4Cidr> FreeCandidates(IReadOnlyCollection<Ipv4Cidr> inUse, int prefixLength, int startIndex)
    {
        var count = CandidateCount(prefixLength);
        for (var i = 0; i < count; i++)
        {
            var candidate = Candidate(prefixLength, (startIndex + i) % count);
            if (!inUse.Any(candidate.Overlaps))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>
    /// The IPv4 networks in <c>ip -o addr</c> or <c>ip route</c> output: every <c>a.b.c.d/n</c> token, and a bare
    /// destination address at the start of a route line as a /32. The default route is ignored.
    /// </summary>
    public static IReadOnlyList<Ipv4Cidr> ParseNetworks(string ipOutput)
    {
        var networks = new List<Ipv4Cidr>();
        foreach (var line in ipOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (Match match in CidrToken().Matches(line))
            {
                if (Ipv4Cidr.TryParse(match.Value, out var cidr))
                {
                    networks.Add(cidr);
                }
            }

            var first = line.Split(' ', 2)[0];
            if (!first.Contains('/', StringComparison.Ordinal) && Ipv4Cidr.TryParseAddress(first, out var host))
            {
                networks.Add(new Ipv4Cidr(host, 32));
            }
        }

        return networks;
    }

    /// <summary>
    /// Reserves a free network of <paramref name="prefixLength"/>: reads <c>ip -o addr</c> and <c>ip route</c>,
    /// skips networks reserved by live processes, and takes the first free candidate from a random start.
    /// Dispose the reservation when the network is no longer used.
    /// </summary>
    public static async Task<SubnetReservation> ReserveAsync(int prefixLength, CancellationToken cancellationToken = default)
    {
        var addresses = await HostCommand.RunCheckedAsync("ip", ["-4", "-o", "addr"], cancellationToken);
        var routes = await HostCommand.RunCheckedAsync("ip", ["-4", "route", "show", "table", "all"], cancellationToken);
        var inUse = ParseNetworks(addresses).Concat(ParseNetworks(routes)).Concat(SubnetReservation.Live()).ToList();
        var start = Random.Shared.Next(CandidateCount(prefixLength));
        foreach (var candidate in FreeCandidates(inUse, prefixLength, start))
        {
            if (SubnetReservation.TryTake(candidate) is { } reservation)
            {
                return reservation;
            }
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"no free /{prefixLength} network left in 10.{FirstSecondOctet}.0.0 - 10.{LastSecondOctet}.255.255"));
    }

    [GeneratedRegex(@"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/\d{1,2}\b")]
    private static partial Regex CidrToken();
}
