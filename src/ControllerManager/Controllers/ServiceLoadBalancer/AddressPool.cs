using System.Buffers.Binary;
using System.Net.Sockets;

namespace Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

/// <summary>
/// The IPv4 addresses load balancers may be given (like a MetalLB address pool): CIDRs
/// ("192.168.1.240/28", every address of it) and ranges ("192.168.1.10-192.168.1.20", both ends included).
/// Immutable; enumerated in the order written.
/// </summary>
internal sealed class AddressPool
{
    private readonly (uint First, uint Last)[] _ranges;

    private AddressPool((uint First, uint Last)[] ranges) => _ranges = ranges;

    /// <summary>Parses a comma-separated list of CIDRs and ranges.</summary>
    /// <exception cref="FormatException">An entry is neither an IPv4 CIDR nor an IPv4 range, or a range ends before it starts.</exception>
    public static AddressPool Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new FormatException("the address pool is empty");
        }

        return new AddressPool([.. entries.Select(ParseEntry)]);
    }

    public bool Contains(string address) =>
        ToNumber(address) is { } value && _ranges.Any(r => value >= r.First && value <= r.Last);

    /// <summary>Every address of the pool, in order.</summary>
    public IEnumerable<string> Addresses()
    {
        foreach (var (first, last) in _ranges)
        {
            for (var value = (ulong)first; value <= last; value++)
            {
                yield return ToAddress((uint)value);
            }
        }
    }

    private static (uint First, uint Last) ParseEntry(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (ToNumber(entry[..slash]) is not { } network
                || !int.TryParse(entry[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
            {
                throw new FormatException($"\"{entry}\" is not an IPv4 CIDR");
            }

            var hostBits = prefix == 32 ? 0u : uint.MaxValue >> prefix;
            return (network & hostBits) == 0
                ? (network, network | hostBits)
                : throw new FormatException($"\"{entry}\" is not an IPv4 CIDR: the address has bits set after the /{prefix.ToString(CultureInfo.InvariantCulture)} prefix");
        }

        var dash = entry.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return ToNumber(entry) is { } single ? (single, single) : throw Invalid(entry);
        }

        if (ToNumber(entry[..dash].Trim()) is not { } start || ToNumber(entry[(dash + 1)..].Trim()) is not { } end)
        {
            throw Invalid(entry);
        }

        return end >= start ? (start, end) : throw new FormatException($"the range \"{entry}\" ends before it starts");
    }

    private static FormatException Invalid(string entry) =>
        new($"\"{entry}\" is neither an IPv4 CIDR (a.b.c.d/n), a range (a.b.c.d-a.b.c.e) nor an IPv4 address");

    private static uint? ToNumber(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && address.Count(c => c == '.') == 3
            ? BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes())
            : null;

    private static string ToAddress(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes).ToString();
    }
}
