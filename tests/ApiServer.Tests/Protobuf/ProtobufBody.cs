using Google.Protobuf;
using Orchestrator.ApiServer.Protobuf.Messages.Runtime;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>Builds request bodies the way client-go does: "k8s\0", then runtime.Unknown around the object.</summary>
internal static class ProtobufBody
{
    public static byte[] Wrap(string apiVersion, string kind, IMessage message) => Wrap(apiVersion, kind, message.ToByteArray());

    public static byte[] Wrap(string apiVersion, string kind, byte[] raw)
    {
        var envelope = new Unknown
        {
            TypeMeta = new TypeMeta { ApiVersion = apiVersion, Kind = kind },
            Raw = ByteString.CopyFrom(raw),
            ContentEncoding = "",
            ContentType = "",
        };
        return [.. "k8s\0"u8, .. envelope.ToByteArray()];
    }

    public static byte[] FromHex(string hex) => Convert.FromHexString(string.Concat(hex.Where(char.IsAsciiHexDigit)));
}
