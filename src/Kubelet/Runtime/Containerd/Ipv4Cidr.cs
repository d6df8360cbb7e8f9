namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>An IPv4 network in CIDR notation, normalised to its network address (10.244.0.7/24 → 10.244.0.0/24).</summary>
public readonly record struct Ipv4Cidr
{
    public Ipv4Cidr(uint address, int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
        PrefixLength = prefixLength;
        Network = address & Mask(prefixLength);
    }

    /// <summary>The network address as a host-order integer.</summary>
    public uint Network { get; }

    public int PrefixLength { get; }

    /// <summary>The first usable address (network + 1): the bridge gateway of a pod CIDR.</summary>
    public string FirstHost => FormatAddress(Network + 1);

    public uint LastAddress => Network | ~Mask(PrefixLength);

    /// <summary>Parses <c>a.b.c.d/n</c>; throws <see cref="FormatException"/> on anything else (IPv6 included).</summary>
    public static Ipv4Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not an IPv4 CIDR (a.b.c.d/n)");

    public static bool TryParse(string? text, out Ipv4Cidr cidr)
    {
        cidr = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0
            || !TryParseAddress(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > 32)
        {
            return false;
        }

        cidr = new Ipv4Cidr(address, prefix);
        return true;
    }

    public static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3)
        {
            return false;
        }

        var bytes = ip.GetAddressBytes();
        address = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return true;
    }

    public static string FormatAddress(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    public bool Overlaps(Ipv4Cidr other) => Network <= other.LastAddress && other.Network <= LastAddress;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FormatAddress(Network)}/{PrefixLength}");

    private static uint Mask(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
}
