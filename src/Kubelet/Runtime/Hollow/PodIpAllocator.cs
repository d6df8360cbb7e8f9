namespace Orchestrator.Kubelet.Runtime.Hollow;

/// <summary>
/// Hands out pod IPs of one node's podCIDR (IPv4, up to /16), one per pod uid, reusing freed ones;
/// the network address and the first host (the bridge gateway) are never handed out. Thread-safe.
/// </summary>
internal sealed class PodIpAllocator
{
    private readonly Lock _lock = new();
    private readonly uint _network;
    private readonly uint _size;
    private readonly Dictionary<string, uint> _byPod = [];
    private readonly HashSet<uint> _used = [];
    private uint _next = 2;

    public PodIpAllocator(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var prefix) || prefix is < 16 or > 30)
        {
            throw new ArgumentException($"unsupported pod CIDR {cidr}: want an IPv4 /16 to /30", nameof(cidr));
        }

        var bytes = address.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        _size = 1u << (32 - prefix);
        _network = value & ~(_size - 1);
        Cidr = cidr;
    }

    public string Cidr { get; }

    /// <summary>The pod's IP: the one it already has, <paramref name="preferred"/> if free and inside the range, or the next free one; null when the range is full.</summary>
    public string? Allocate(string podUid, string? preferred = null)
    {
        lock (_lock)
        {
            if (_byPod.TryGetValue(podUid, out var existing))
            {
                return Format(existing);
            }

            if (preferred is not null && TryOffset(preferred, out var offset) && _used.Add(offset))
            {
                _byPod[podUid] = offset;
                return Format(offset);
            }

            for (uint tried = 0; tried < _size; tried++)
            {
                var candidate = _next;
                _next = _next + 1 >= _size - 1 ? 2 : _next + 1;
                if (candidate >= 2 && candidate < _size - 1 && _used.Add(candidate))
                {
                    _byPod[podUid] = candidate;
                    return Format(candidate);
                }
            }

            return null;
        }
    }

    public void Release(string podUid)
    {
        lock (_lock)
        {
            if (_byPod.Remove(podUid, out var offset))
            {
                _used.Remove(offset);
            }
        }
    }

    private bool TryOffset(string ip, out uint offset)
    {
        offset = 0;
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        if ((value & ~(_size - 1)) != _network)
        {
            return false;
        }

        offset = value - _network;
        return offset >= 2 && offset < _size - 1;
    }

    private string Format(uint offset)
    {
        var value = _network + offset;
        return $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
    }
}
