using Google.Protobuf.Reflection;

namespace Orchestrator.ApiServer.Protobuf;

/// <summary>
/// Walks protobuf bytes against a message descriptor before they are parsed, so that bad input
/// is a 400 with a path instead of data silently lost: malformed varints and lengths, wire types
/// that do not fit the field, and fields our .proto files do not declare. Google.Protobuf would
/// set such fields aside as unknown, and the JSON would lack them.
/// </summary>
/// <remarks>
/// An undeclared field is tolerated when it carries a zero value: Go's marshaller writes every
/// non-pointer field, set or not, so a client built against a newer API sends zero-valued fields
/// this server has never heard of.
/// </remarks>
internal static class WireCheck
{
    /// <summary>Same nesting limit as Google.Protobuf's parser.</summary>
    public const int MaxDepth = 100;

    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    public static void Check(ReadOnlySpan<byte> data, MessageDescriptor descriptor, string path) =>
        CheckMessage(data, descriptor, path, 0);

    private static void CheckMessage(ReadOnlySpan<byte> data, MessageDescriptor descriptor, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Malformed(path, $"nested more than {MaxDepth} messages deep");
        }

        Dictionary<int, int>? occurrences = null;
        var position = 0;
        while (position < data.Length)
        {
            var tag = ReadVarint(data, ref position, path);
            var number = tag >> 3;
            var wireType = (int)(tag & 7);
            if (number is 0 or > 536_870_911)
            {
                throw Malformed(path, $"invalid field number {number}");
            }

            var field = descriptor.FindFieldByNumber((int)number);
            var value = ReadValue(data, ref position, wireType, path, out var payload);
            if (field is null)
            {
                if (value != 0 || !payload.IsEmpty)
                {
                    throw ApiErrors.BadRequest(
                        $"{Describe(path, descriptor)} has protobuf field {number}, which this server does not decode; send the object as application/json");
                }

                continue;
            }

            var expected = ExpectedWireType(field);
            var packed = field.IsRepeated && expected != LengthDelimited && wireType == LengthDelimited;
            if (wireType != expected && !packed)
            {
                throw Malformed(Join(path, field.Name), $"wire type {wireType} where {expected} was expected");
            }

            if (field.FieldType != FieldType.Message)
            {
                continue;
            }

            // Inline fields and map entries' key and value add nothing to the JSON path.
            var childPath = descriptor.IsMapEntry || FieldFlags.Of(field).Inline ? path : Join(path, field.Name);
            if (field.IsRepeated && !field.IsMap)
            {
                occurrences ??= [];
                occurrences.TryGetValue(field.FieldNumber, out var index);
                occurrences[field.FieldNumber] = index + 1;
                childPath += $"[{index}]";
            }

            CheckMessage(payload, field.MessageType, childPath, depth + 1);
        }
    }

    /// <summary>
    /// Reads one value: returns a varint's value or a fixed-width value's bytes folded to zero or
    /// non-zero; a length-delimited payload comes back in <paramref name="payload"/>.
    /// </summary>
    private static ulong ReadValue(ReadOnlySpan<byte> data, ref int position, int wireType, string path, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        switch (wireType)
        {
            case Varint:
                return ReadVarint(data, ref position, path);
            case Fixed64:
            case Fixed32:
                var width = wireType == Fixed64 ? 8 : 4;
                if (data.Length - position < width)
                {
                    throw Malformed(path, "truncated fixed-width value");
                }

                var bytes = data.Slice(position, width);
                position += width;
                return bytes.ContainsAnyExcept((byte)0) ? 1UL : 0UL;
            case LengthDelimited:
                var length = ReadVarint(data, ref position, path);
                if (length > (ulong)(data.Length - position))
                {
                    throw Malformed(path, "truncated length-delimited value");
                }

                payload = data.Slice(position, (int)length);
                position += (int)length;
                return 0;
            default:
                throw Malformed(path, $"unsupported wire type {wireType}");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position, string path)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw Malformed(path, "truncated varint");
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return shift == 63 && b > 1 ? throw Malformed(path, "varint overflows 64 bits") : value;
            }
        }

        throw Malformed(path, "varint longer than 10 bytes");
    }

    private static int ExpectedWireType(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.String or FieldType.Bytes => LengthDelimited,
        FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => Fixed64,
        FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => Fixed32,
        _ => Varint,
    };

    private static string Describe(string path, MessageDescriptor descriptor) =>
        path.Length == 0 ? descriptor.Name : $"{path} ({descriptor.Name})";

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static ApiException Malformed(string path, string problem) =>
        ApiErrors.BadRequest($"malformed protobuf body{(path.Length == 0 ? "" : " at " + path)}: {problem}");
}
