using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Serialization;
using Orchestrator.ApiServer.Storage;

namespace Orchestrator.ApiServer.Tests.Storage;

/// <summary>
/// The store encoding and the watch cache's response JSON are written straight from their input;
/// each must give the very bytes the node-based round trip gives (decode, set fields, serialize).
/// </summary>
public sealed class StoredJsonTests
{
    public static TheoryData<string> Objects => new()
    {
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"x":"y"}},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":80}]}]}}""",
        """{"metadata":{"name":"a","resourceVersion":"7","namespace":"n"},"kind":"Wrong","data":{"k":"v"}}""",
        """{"data":{"k":"v"}}""",
        """{"metadata":null,"apiVersion":"x/v9"}""",
        """{"metadata":"text","spec":[]}""",
        """{"metadata":{},"numbers":[1,1.0,1e3,-0,12345678901234567890123,0.000001],"flags":[true,false,null],"empty":{},"nested":[[[]],{"a":{"b":[{}]}}]}""",
        """{"metadata":{"name":"é ü 日本","annotations":{"k:{\"name\":\"app\"}":"<script>&'\u0001\u2028","tab":"a\tb\nc\\d\/e"}}}""",
        """{"metadata":{"managedFields":[{"fieldsV1":{"k:{\u0022name\u0022:\u0022app\u0022}":{".":{}}}}]},"emoji":"\uD83D\uDE00 😀"}""",
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Response_json_is_what_decoding_and_serializing_gives(string stored)
    {
        var bytes = Encoding.UTF8.GetBytes(stored);

        var expected = StoredObject.Decode(bytes, 42);
        expected["kind"] = "Pod";
        expected["apiVersion"] = "v1";

        Assert.Equal(
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(expected, JsonLimits.Serializer)),
            Encoding.UTF8.GetString(ResponseJson.FromStored(bytes, 42, "Pod", "v1")));
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Encoding_drops_the_resource_version_as_a_clone_would(string json)
    {
        var obj = JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json))!.AsObject();
        var before = obj.ToJsonString();

        var copy = obj.DeepClone().AsObject();
        StoredObject.Metadata(copy).Remove("resourceVersion");
        var expected = JsonSerializer.SerializeToUtf8Bytes(copy, JsonLimits.Serializer);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(StoredObject.Encode(obj)));
        Assert.Equal(before, obj.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void A_create_answer_from_the_stored_bytes_is_what_serializing_the_created_object_gives(string json)
    {
        var obj = JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json))!.AsObject();
        obj["kind"] = "Pod";
        obj["apiVersion"] = "v1";
        StoredObject.Metadata(obj).Remove("resourceVersion"); // as a create finds it: cleared with the other server-owned fields

        var encoded = StoredObject.EncodeWithMetadataEnd(obj);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        ResponseJson.WriteWithResourceVersion(encoded, 42, output);
        var answer = Encoding.UTF8.GetString(output.WrittenSpan);

        Assert.Equal(Encoding.UTF8.GetString(StoredObject.Encode(obj)), Encoding.UTF8.GetString(encoded.Value));
        Assert.Equal(Encoding.UTF8.GetString(ResponseJson.FromStored(encoded.Value, 42, "Pod", "v1")), answer);
        StoredObject.Metadata(obj)["resourceVersion"] = "42";
        Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(obj, JsonLimits.Serializer)), answer);
    }

    [Fact]
    public void Deep_objects_are_copied_without_recursing()
    {
        const int depth = JsonLimits.MaxDepth - 2;
        var stored = "{\"metadata\":{},\"x\":" + string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)) + "}";

        var json = ResponseJson.FromStored(Encoding.UTF8.GetBytes(stored), 1, "K", "v1");

        Assert.EndsWith("]]]],\"kind\":\"K\",\"apiVersion\":\"v1\"}", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.StartsWith("{\"metadata\":{\"resourceVersion\":\"1\"},\"x\":[[[", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }
}
