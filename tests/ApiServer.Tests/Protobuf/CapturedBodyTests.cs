using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Protobuf;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>
/// Golden files: bodies kubectl 1.33 really sent (Captured/README.md) decode to exactly the JSON
/// kubectl prints for the same command with --dry-run=client -o json, field order included.
/// </summary>
public sealed class CapturedBodyTests
{
    public static TheoryData<string> Captures => new(
        "namespace", "configmap", "secret-generic", "secret-docker-registry", "deployment", "deployment-zero-replicas",
        "job", "cronjob", "service-clusterip", "service-nodeport", "serviceaccount", "priorityclass", "priorityclass-zero",
        "pdb-min-available", "pdb-max-unavailable", "quota", "drain-delete-options");

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_captured_body_decodes_to_the_json_kubectl_would_send(string name)
    {
        var body = File.ReadAllBytes(Captured(name + ".bin"));
        var expected = JsonNode.Parse(File.ReadAllText(Captured(name + ".json")))!.AsObject();

        var json = KubernetesProtobuf.DecodeObject(body, out var apiVersion, out var kind);

        Assert.Equal((string)expected["apiVersion"]!, apiVersion);
        Assert.Equal((string)expected["kind"]!, kind);
        Assert.Equal(expected.ToJsonString(), json.ToJsonString());
    }

    [Fact]
    public void The_bytes_of_kubectl_create_namespace_foo_in_the_wire_reference_decode_with_empty_spec_and_status()
    {
        // kubectl-wire.md section 7, byte for byte.
        var body = ProtobufBody.FromHex("""
            6b 38 73 00
            0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65
            12 1b 0a 13 0a 03 66 6f 6f 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00
            1a 00 22 00
            """);

        var json = KubernetesProtobuf.DecodeObject(body, out var apiVersion, out var kind);

        Assert.Equal("v1", apiVersion);
        Assert.Equal("Namespace", kind);
        Assert.Equal("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"foo"},"spec":{},"status":{}}""", json.ToJsonString());
        Assert.Equal(File.ReadAllBytes(Captured("namespace.bin")), body);
    }

    [Fact]
    public void Drains_delete_body_decodes_as_DeleteOptions_with_a_zero_grace_period()
    {
        var options = KubernetesProtobuf.DecodeDeleteOptions(File.ReadAllBytes(Captured("drain-delete-options.bin")));

        Assert.Equal(0, (long)options["gracePeriodSeconds"]!);
    }

    private static string Captured(string file) => Path.Combine(AppContext.BaseDirectory, "Protobuf", "Captured", file);
}
