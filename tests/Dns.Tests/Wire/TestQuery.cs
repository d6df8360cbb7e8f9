using System.Buffers.Binary;
using System.Text;
using Orchestrator.Dns.Wire;

namespace Orchestrator.Dns.Tests.Wire;

/// <summary>Query packets written by hand, byte by byte, so the parser is not tested with its own writer.</summary>
internal static class TestQuery
{
    public static byte[] Build(string name, DnsType type, ushort id = 0x1234, bool recursionDesired = true, ushort? ednsPayload = null)
    {
        var packet = new List<byte>();
        void U16(int value) => packet.AddRange([(byte)(value >> 8), (byte)value]);
        U16(id);
        U16(recursionDesired ? 0x0100 : 0);
        U16(1);
        U16(0);
        U16(0);
        U16(ednsPayload is null ? 0 : 1);
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            packet.Add((byte)label.Length);
            packet.AddRange(Encoding.ASCII.GetBytes(label));
        }

        packet.Add(0);
        U16((ushort)type);
        U16(1);
        if (ednsPayload is { } payload)
        {
            packet.Add(0);
            U16((ushort)DnsType.Opt);
            U16(payload);
            packet.AddRange([0, 0, 0, 0]);
            U16(0);
        }

        return [.. packet];
    }

    public static ushort Flags(ReadOnlySpan<byte> answer) => BinaryPrimitives.ReadUInt16BigEndian(answer[2..]);

    public static ushort Count(ReadOnlySpan<byte> answer, int section) => BinaryPrimitives.ReadUInt16BigEndian(answer[(4 + (2 * section))..]);
}
