using System.Buffers.Binary;
using System.Net.Sockets;

namespace Orchestrator.ControllerManager.Controllers.NodeIpam;

/// <summary>
/// The node subnets of one IPv4 cluster CIDR, each free or taken (upstream's cidrset): allocation scans
/// round-robin from after the last one handed out. Not thread-safe; the controller serialises access.
/// </summary>
internal sealed class CidrSet
{
    private readonly uint _base;
    private readonly int _clusterMask;
    private readonly int _nodeMask;
    private readonly bool[] _used;
    private int _next;

    public CidrSet(string clusterCidr, int nodeMaskSize)
    {
        var (network, mask) = Parse(clusterCidr) ?? throw new ArgumentException($"cluster CIDR {clusterCidr} is not an IPv4 CIDR");
        if (nodeMaskSize < mask || nodeMaskSize > 32 || nodeMaskSize - mask > 24)
        {
            throw new ArgumentException($"node CIDR mask /{nodeMaskSize} does not fit the cluster CIDR {clusterCidr}");
        }

        _base = network;
        _clusterMask = mask;
        _nodeMask = nodeMaskSize;
        _used = new bool[1 << (nodeMaskSize - mask)];
    }

    public int Capacity => _used.Length;

    public int Used => _used.Count(u => u);

    /// <summary>The next free subnet, marked taken; null when all are taken.</summary>
    public string? AllocateNext()
    {
        for (var i = 0; i < _used.Length; i++)
        {
            var index = (_next + i) % _used.Length;
            if (!_used[index])
            {
                _used[index] = true;
                _next = (index + 1) % _used.Length;
                return Format(index);
            }
        }

        return null;
    }

    /// <summary>Marks a subnet taken (one a node already has); false when it is not one of this set's subnets.</summary>
    public bool Occupy(string cidr)
    {
        if (IndexOf(cidr) is not { } index)
        {
            return false;
        }

        _used[index] = true;
        return true;
    }

    public void Release(string cidr)
    {
        if (IndexOf(cidr) is { } index)
        {
            _used[index] = false;
        }
    }

    private int? IndexOf(string cidr)
    {
        if (Parse(cidr) is not var (network, mask) || mask != _nodeMask)
        {
            return null;
        }

        var clusterBits = _clusterMask == 0 ? 0u : uint.MaxValue << (32 - _clusterMask);
        if ((network & clusterBits) != _base)
        {
            return null;
        }

        return (int)((network - _base) >> (32 - _nodeMask));
    }

    private string Format(int index)
    {
        var address = _base + ((uint)index << (32 - _nodeMask));
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return $"{new IPAddress(bytes)}/{_nodeMask.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The network address (host bits cleared) and mask of an IPv4 CIDR; null if it is not one.</summary>
    private static (uint Network, int Mask)? Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(cidr[..slash], out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var mask) || mask > 32)
        {
            return null;
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());
        var bits = mask == 0 ? 0u : uint.MaxValue << (32 - mask);
        return (value & bits, mask);
    }
}
