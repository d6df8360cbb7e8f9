using Google.Protobuf;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Protobuf;
using Orchestrator.ApiServer.Protobuf.Messages.Core;
using Orchestrator.ApiServer.Protobuf.Messages.IntStr;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiServer.Protobuf.Messages.Runtime;
using Orchestrator.ApiServer.Protobuf.Messages.Scheduling;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>
/// Bad bodies are an ApiException with a Status code (400, or 415 for kinds we have no messages
/// for), never another exception; fields this server does not decode are refused unless zero.
/// </summary>
public sealed class MalformedBodyTests
{
    private static readonly byte[] Namespace = Captured("namespace.bin");

    public static TheoryData<string, byte[], string> BadBodies => new()
    {
        { "empty", [], "does not appear to be a protobuf message" },
        { "JSON", "{\"kind\":\"Namespace\"}"u8.ToArray(), "does not appear to be a protobuf message" },
        { "magic only in part", "k8s"u8.ToArray(), "does not appear to be a protobuf message" },
        { "magic only", "k8s\0"u8.ToArray(), "Object 'Kind' is missing" },
        { "truncated envelope", Namespace[..20], "malformed protobuf body" },
        { "truncated object", Namespace[..40], "malformed protobuf body" },
        { "garbage envelope", [.. "k8s\0"u8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], "malformed protobuf body" },
        { "garbage raw", ProtobufBody.Wrap("v1", "Namespace", [0x0a, 0x7f, 0x01, 0x02]), "malformed protobuf body: truncated length-delimited value" },
        { "garbage in metadata", ProtobufBody.Wrap("v1", "Namespace", [0x0a, 0x02, 0xff, 0xff]), "malformed protobuf body at metadata: truncated varint" },
        { "group wire type", ProtobufBody.Wrap("v1", "Namespace", [0x0b, 0x0c]), "unsupported wire type 3" },
        { "wrong wire type", ProtobufBody.Wrap("v1", "Namespace", [0x0a, 0x02, 0x08, 0x01]), "malformed protobuf body at metadata.name: wire type 0 where 2 was expected" },
        { "field number zero", ProtobufBody.Wrap("v1", "Namespace", [0x00, 0x00]), "invalid field number 0" },
        { "varint too long", ProtobufBody.Wrap("v1", "Namespace", [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), "varint" },
        { "no kind", [.. "k8s\0"u8, .. new Unknown { TypeMeta = new TypeMeta { ApiVersion = "v1" } }.ToByteArray()], "Object 'Kind' is missing" },
        { "gzip", [.. "k8s\0"u8, .. new Unknown { TypeMeta = new TypeMeta { ApiVersion = "v1", Kind = "Namespace" }, ContentEncoding = "gzip" }.ToByteArray()], "content encoding \"gzip\"" },
        { "unknown field", ProtobufBody.Wrap("v1", "Namespace", [0x48, 0x05]), "Namespace has protobuf field 9, which this server does not decode" },
        { "bad int-or-string", ProtobufBody.Wrap("policy/v1", "PodDisruptionBudget", BudgetWith(new IntOrString { Type = 7 })), "spec.minAvailable: invalid IntOrString type 7" },
        { "time out of range", ProtobufBody.Wrap("v1", "Namespace", new Namespace { Metadata = new ObjectMeta { CreationTimestamp = new Time { Seconds = long.MaxValue } } }), "metadata.creationTimestamp: time out of range" },
        { "bad managed fields JSON", ProtobufBody.Wrap("v1", "Namespace", new Namespace { Metadata = new ObjectMeta { ManagedFields = { new ManagedFieldsEntry { FieldsV1 = new FieldsV1 { Raw = ByteString.CopyFromUtf8("{") } } } } }), "metadata.managedFields[0].fieldsV1: embedded JSON is malformed" },
        { "deprecated volume source", ProtobufBody.Wrap("v1", "Pod", PodWithGcePersistentDisk()), "spec.volumes[0] (VolumeSource) has protobuf field 3" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void A_bad_body_is_a_400(string why, byte[] body, string message)
    {
        var error = Assert.Throws<ApiException>(() => KubernetesProtobuf.DecodeObject(body, out _, out _));

        Assert.True(error.Code == 400, why);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1", "Frobnicator")]
    [InlineData("v1", "Node")]
    [InlineData("apps/v1", "StatefulSet")]
    [InlineData("apps/v1beta1", "Deployment")]
    [InlineData("v1beta1", "DeleteOptions")]
    public void A_kind_without_messages_here_is_a_415_naming_it(string apiVersion, string kind)
    {
        var error = Assert.Throws<ApiException>(() => KubernetesProtobuf.DecodeObject(ProtobufBody.Wrap(apiVersion, kind, []), out _, out _));

        Assert.Equal(415, error.Code);
        Assert.Equal("UnsupportedMediaType", error.Reason);
        Assert.Contains($"protobuf bodies are not supported for {kind}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_valued_fields_this_server_does_not_know_are_tolerated()
    {
        // Go writes every non-pointer field; a newer client sends zeros for fields added since.
        byte[] raw = [.. new Namespace { Metadata = new ObjectMeta { Name = "n" } }.ToByteArray(), 0x48, 0x00, 0x52, 0x00, 0x5d, 0, 0, 0, 0];

        var json = KubernetesProtobuf.DecodeObject(ProtobufBody.Wrap("v1", "Namespace", raw), out _, out _);

        Assert.Equal("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"n"}}""", json.ToJsonString());
    }

    [Fact]
    public void Packed_repeated_scalars_are_accepted()
    {
        // supplementalGroups (4) packed: [1, 2]; proto2 writers may use either form.
        byte[] podSecurityContext = [0x22, 0x02, 0x01, 0x02];
        byte[] spec = [0x72, (byte)podSecurityContext.Length, .. podSecurityContext];
        byte[] pod = [0x12, (byte)spec.Length, .. spec];

        var json = KubernetesProtobuf.DecodeObject(ProtobufBody.Wrap("v1", "Pod", pod), out _, out _);

        Assert.Equal("""{"kind":"Pod","apiVersion":"v1","spec":{"securityContext":{"supplementalGroups":[1,2]}}}""", json.ToJsonString());
    }

    [Fact]
    public void DecodeDeleteOptions_refuses_another_kind()
    {
        var error = Assert.Throws<ApiException>(() => KubernetesProtobuf.DecodeDeleteOptions(Namespace));

        Assert.Equal(400, error.Code);
        Assert.Contains("must be DeleteOptions, not Namespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_and_random_corruption_of_real_bodies_ends_in_an_ApiException_or_a_result()
    {
        var random = new Random(20250101);
        var bodies = new[] { "namespace", "configmap", "deployment", "cronjob", "service-nodeport", "pdb-min-available", "drain-delete-options" }
            .Select(name => Captured(name + ".bin"))
            .ToList();
        foreach (var body in bodies)
        {
            for (var length = 0; length < body.Length; length++)
            {
                AssertDecodesOrRefuses(body[..length]);
            }

            for (var round = 0; round < 300; round++)
            {
                var corrupt = (byte[])body.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    corrupt[random.Next(4, corrupt.Length)] = (byte)random.Next(256);
                }

                AssertDecodesOrRefuses(corrupt);
            }
        }
    }

    private static void AssertDecodesOrRefuses(byte[] body)
    {
        try
        {
            KubernetesProtobuf.DecodeObject(body, out _, out _);
        }
        catch (ApiException e)
        {
            Assert.True(e.Code is 400 or 415, $"{e.Code} {e.Message}");
        }
    }

    private static Orchestrator.ApiServer.Protobuf.Messages.Policy.PodDisruptionBudget BudgetWith(IntOrString minAvailable) =>
        new() { Spec = new Orchestrator.ApiServer.Protobuf.Messages.Policy.PodDisruptionBudgetSpec { MinAvailable = minAvailable } };

    private static byte[] PodWithGcePersistentDisk()
    {
        // Volume { name "v" (1), volumeSource (2) { gcePersistentDisk (3) { pdName (1) "d" } } }
        byte[] gce = [0x0a, 0x01, (byte)'d'];
        byte[] source = [0x1a, (byte)gce.Length, .. gce];
        byte[] volume = [0x0a, 0x01, (byte)'v', 0x12, (byte)source.Length, .. source];
        byte[] spec = [0x0a, (byte)volume.Length, .. volume];
        return [0x12, (byte)spec.Length, .. spec];
    }

    private static byte[] Captured(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Protobuf", "Captured", file));
}
