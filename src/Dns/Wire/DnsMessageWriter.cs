using Orchestrator.Dns.Records;

namespace Orchestrator.Dns.Wire;

/// <summary>
/// Builds the wire form of an answer from the zone (RFC 1035 §4), with name compression for owner
/// names and SOA names (never inside SRV targets, RFC 2782). The header's ID and RD bit are left zero:
/// <see cref="DnsPacket.CopyAnswer"/> patches them per query, so one built answer serves every query
/// for the same name and type.
/// </summary>
internal sealed class DnsMessageWriter
{
    /// <summary>The largest message (TCP's two-byte length); records that do not fit are left out.</summary>
    public const int MaxMessage = ushort.MaxValue;

    // SOA timers as CoreDNS sets them; the minimum (negative-caching TTL) is the zone's TTL.
    private const uint Refresh = 7200;
    private const uint Retry = 1800;
    private const uint Expire = 86400;

    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[512];
    private int _length;

    /// <summary>The answer to (<paramref name="name"/>, <paramref name="type"/>, <paramref name="class"/>): authoritative, recursion available.</summary>
    public static byte[] Answer(string name, DnsType type, ushort @class, DnsAnswer answer, DnsRecords zone)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(zone);
        var writer = new DnsMessageWriter();
        writer.WriteUInt16(0);
        writer.WriteUInt16((ushort)(DnsPacket.FlagResponse | DnsPacket.FlagAuthoritative | DnsPacket.FlagRecursionAvailable | (int)answer.Rcode));
        writer.WriteUInt16(1);
        writer.WriteUInt16(0);
        writer.WriteUInt16(0);
        writer.WriteUInt16(0);
        writer.WriteName(name, compress: true);
        writer.WriteUInt16((ushort)type);
        writer.WriteUInt16(@class);
        var records = answer.IsNegative ? [new DnsRecord(zone.Zone, DnsType.Soa, zone.Zone)] : answer.Records;
        ushort written = 0;
        foreach (var record in records)
        {
            var mark = writer._length;
            writer.WriteRecord(record, zone);
            if (writer._length > MaxMessage)
            {
                writer._length = mark;
                break;
            }

            written++;
        }

        BinaryPrimitives.WriteUInt16BigEndian(writer._buffer.AsSpan(answer.IsNegative ? 8 : 6), written);
        return writer._buffer.AsSpan(0, writer._length).ToArray();
    }

    private void WriteRecord(DnsRecord record, DnsRecords zone)
    {
        WriteName(record.Name, compress: true);
        WriteUInt16((ushort)record.Type);
        WriteUInt16(DnsQuery.ClassIn);
        WriteUInt32(zone.Ttl);
        var lengthAt = _length;
        WriteUInt16(0);
        switch (record.Type)
        {
            case DnsType.A or DnsType.Aaaa:
                WriteBytes(IPAddress.Parse(record.Data).GetAddressBytes());
                break;
            case DnsType.Cname or DnsType.Ptr:
                WriteName(record.Data, compress: true);
                break;
            case DnsType.Srv:
                WriteUInt16(record.Priority);
                WriteUInt16(record.Weight);
                WriteUInt16(record.Port);
                WriteName(record.Data, compress: false);
                break;
            case DnsType.Txt:
                var text = System.Text.Encoding.ASCII.GetBytes(record.Data);
                WriteByte((byte)Math.Min(text.Length, 255));
                WriteBytes(text.AsSpan(0, Math.Min(text.Length, 255)));
                break;
            case DnsType.Soa:
                WriteName("ns.dns." + record.Data, compress: true);
                WriteName("hostmaster." + record.Data, compress: true);
                WriteUInt32(zone.Serial);
                WriteUInt32(Refresh);
                WriteUInt32(Retry);
                WriteUInt32(Expire);
                WriteUInt32(zone.Ttl);
                break;
            default:
                throw new InvalidOperationException($"no wire form for record type {record.Type}");
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(lengthAt), (ushort)(_length - lengthAt - 2));
    }

    /// <summary>
    /// Writes a name as labels; with <paramref name="compress"/>, a suffix written before becomes a
    /// pointer to it. Characters above U+00FF stand for the raw bytes the query parser mapped there.
    /// </summary>
    private void WriteName(string name, bool compress)
    {
        var start = 0;
        while (start < name.Length)
        {
            var suffix = name[start..];
            if (compress && _names.TryGetValue(suffix, out var pointer))
            {
                WriteUInt16((ushort)(0xC000 | pointer));
                return;
            }

            if (_length < 0x3FFF)
            {
                _names.TryAdd(suffix, _length);
            }

            var end = name.IndexOf('.', start);
            end = end < 0 ? name.Length : end;
            var label = end - start;
            if (label is 0 or > 63)
            {
                throw new InvalidOperationException($"name {name} has an empty or over-long label");
            }

            WriteByte((byte)label);
            foreach (var c in name.AsSpan(start, label))
            {
                WriteByte((byte)(c >= 0x100 ? c - 0x100 : c));
            }

            start = end + 1;
        }

        WriteByte(0);
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void WriteBytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    private void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    private void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
