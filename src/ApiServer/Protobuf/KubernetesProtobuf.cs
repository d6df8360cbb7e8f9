using Orchestrator.ApiServer.Protobuf.Messages.Runtime;

namespace Orchestrator.ApiServer.Protobuf;

/// <summary>
/// Decodes <c>application/vnd.kubernetes.protobuf</c> request bodies, which kubectl 1.32+ typed
/// clients send for POST, PUT and DELETE (the <c>create &lt;kind&gt;</c> generators, drain), into
/// the JSON object the same request would have carried as <c>application/json</c>. The body is the
/// magic "k8s\0" then a runtime.Unknown whose raw holds the object's own protobuf encoding.
/// Every failure is an <see cref="ApiException"/>: 400 for malformed bodies, 415 for kinds this
/// server has no messages for.
/// </summary>
internal static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>
    /// The object in <paramref name="body"/> as Kubernetes JSON, with "kind" and "apiVersion" set
    /// from the envelope (also returned in <paramref name="apiVersion"/> and <paramref name="kind"/>).
    /// </summary>
    public static JsonObject DecodeObject(ReadOnlySpan<byte> body, out string apiVersion, out string kind)
    {
        var envelope = ReadEnvelope(body);
        apiVersion = envelope.TypeMeta?.ApiVersion ?? "";
        kind = envelope.TypeMeta?.Kind ?? "";
        if (kind.Length == 0)
        {
            throw ApiErrors.BadRequest("Object 'Kind' is missing in protobuf body");
        }

        if (envelope.ContentEncoding.Length > 0)
        {
            throw ApiErrors.BadRequest($"protobuf body with content encoding \"{envelope.ContentEncoding}\" is not supported");
        }

        if (envelope.ContentType is not ("" or MediaType))
        {
            throw ApiErrors.BadRequest($"protobuf envelope holding \"{envelope.ContentType}\" is not supported");
        }

        var descriptor = ProtobufKinds.Find(apiVersion, kind)
            ?? throw new ApiException(415, "UnsupportedMediaType", $"protobuf bodies are not supported for {kind} ({apiVersion}); send it as application/json")
            {
                DetailsName = MediaType,
            };

        WireCheck.Check(envelope.Raw.Span, descriptor, "");
        IMessage message;
        try
        {
            message = descriptor.Parser.ParseFrom(envelope.Raw.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw ApiErrors.BadRequest($"unable to decode protobuf {kind}: {e.Message}");
        }

        var json = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
        ProtobufJson.WriteTo(message, json);
        return json;
    }

    /// <summary>A DELETE body: DeleteOptions (apiVersion "v1", "meta.k8s.io/v1" or any group's v1) as JSON.</summary>
    public static JsonObject DecodeDeleteOptions(ReadOnlySpan<byte> body)
    {
        var json = DecodeObject(body, out _, out var kind);
        return kind == ProtobufKinds.DeleteOptions
            ? json
            : throw ApiErrors.BadRequest($"a DELETE body must be DeleteOptions, not {kind}");
    }

    private static Unknown ReadEnvelope(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw ApiErrors.BadRequest("the provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }

        var envelope = body[Magic.Length..];
        WireCheck.Check(envelope, Unknown.Descriptor, "");
        try
        {
            return Unknown.Parser.ParseFrom(envelope);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw ApiErrors.BadRequest($"unable to decode protobuf envelope: {e.Message}");
        }
    }
}
