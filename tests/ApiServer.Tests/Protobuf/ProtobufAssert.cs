using System.Text.Json.Nodes;
using Google.Protobuf;
using Orchestrator.ApiServer.Protobuf;

namespace Orchestrator.ApiServer.Tests.Protobuf;

internal static class ProtobufAssert
{
    /// <summary>Wraps the message as client-go would and checks the decoded JSON, field order included.</summary>
    public static void Decodes(string apiVersion, string kind, IMessage message, string expectedJson)
    {
        var json = KubernetesProtobuf.DecodeObject(ProtobufBody.Wrap(apiVersion, kind, message), out var decodedApiVersion, out var decodedKind);

        Assert.Equal(apiVersion, decodedApiVersion);
        Assert.Equal(kind, decodedKind);
        Assert.Equal(JsonNode.Parse(expectedJson)!.ToJsonString(), json.ToJsonString());
    }
}
