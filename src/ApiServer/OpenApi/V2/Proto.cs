namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>
/// Minimal protobuf writing for the gnostic OpenAPI v2 messages, which have no generated C# types
/// here. Messages are encoded bottom-up: a child is encoded to bytes first, then written into its
/// parent as a length-delimited field. Empty strings and false booleans are omitted, as proto3 does.
/// </summary>
internal static class Proto
{
    /// <summary>Encodes one message by running <paramref name="write"/> against a fresh stream.</summary>
    public static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    public static void String(this CodedOutputStream output, int field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    public static void Bool(this CodedOutputStream output, int field, bool value)
    {
        if (!value)
        {
            return;
        }

        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteBool(true);
    }

    public static void Double(this CodedOutputStream output, int field, double value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed64);
        output.WriteDouble(value);
    }

    public static void Int64(this CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    /// <summary>Writes an already encoded message (empty ones included: a set-but-empty message still marks a oneof).</summary>
    public static void Embedded(this CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        // WriteBytes writes the length prefix; wrapping (not copying) is safe as the array is never changed.
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(message));
    }

    public static void Embedded(this CodedOutputStream output, int field, Action<CodedOutputStream> write) =>
        output.Embedded(field, Message(write));
}
