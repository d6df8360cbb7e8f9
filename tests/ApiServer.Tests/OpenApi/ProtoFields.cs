using Google.Protobuf;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>A schema-less protobuf reader for tests: the fields of one message, nested messages left as bytes.</summary>
internal sealed class ProtoFields
{
    private readonly List<(int Field, ByteString? Bytes, ulong Varint)> _fields = [];

    public ProtoFields(ByteString message) : this(message.ToByteArray())
    {
    }

    public ProtoFields(byte[] message)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited:
                    _fields.Add((field, input.ReadBytes(), 0));
                    break;
                case WireFormat.WireType.Varint:
                    _fields.Add((field, null, input.ReadUInt64()));
                    break;
                default:
                    throw new InvalidDataException($"unexpected wire type in tag {tag}");
            }
        }
    }

    public IEnumerable<ProtoFields> Messages(int field) => _fields.Where(f => f.Field == field).Select(f => new ProtoFields(f.Bytes!));

    public ProtoFields Message(int field) => Messages(field).Single();

    public string? String(int field) => _fields.Where(f => f.Field == field).Select(f => f.Bytes!.ToStringUtf8()).SingleOrDefault();

    public IEnumerable<string> Strings(int field) => _fields.Where(f => f.Field == field).Select(f => f.Bytes!.ToStringUtf8());

    public bool Bool(int field) => _fields.Any(f => f.Field == field && f.Varint != 0);
}
