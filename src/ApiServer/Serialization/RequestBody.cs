using YamlDotNet.Core;

namespace Orchestrator.ApiServer.Serialization;

/// <summary>
/// Reads request bodies: enforces the 3 MiB limit (413), the media type (415) and syntax (400),
/// never throwing anything but an <see cref="ApiException"/> for bad input.
/// </summary>
internal static class RequestBody
{
    /// <summary>kube-apiserver's limit for a request body.</summary>
    public const long MaxBytes = 3 * 1024 * 1024;

    public static readonly string[] ObjectMediaTypes = ["application/json", "application/yaml", Protobuf.KubernetesProtobuf.MediaType];

    /// <summary>The media type without parameters, lower-cased; "" when absent.</summary>
    public static string MediaType(HttpRequest request) =>
        (request.ContentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    /// <summary>Reads a JSON or YAML object body.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = MediaType(request);
        if (mediaType is not ("application/json" or "application/yaml" or "" or Protobuf.KubernetesProtobuf.MediaType))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType, ObjectMediaTypes);
        }

        var bytes = await ReadBytesAsync(request, cancellationToken);
        if (mediaType == Protobuf.KubernetesProtobuf.MediaType)
        {
            return Protobuf.KubernetesProtobuf.DecodeObject(bytes, out _, out _);
        }

        var node = mediaType == "application/yaml" ? ParseYaml(bytes, cancellationToken) : ParseJson(bytes, cancellationToken);
        return node as JsonObject ?? throw ApiErrors.BadRequest("Object 'Kind' is missing in '" + Truncate(Encoding.UTF8.GetString(bytes)) + "'");
    }

    /// <summary>Reads the raw body up to <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw ApiErrors.RequestEntityTooLarge(MaxBytes);
        }

        if (request.ContentLength is { } length)
        {
            // The common case: the size is known, read straight into an array of that size.
            var exact = new byte[length];
            var filled = 0;
            while (filled < exact.Length)
            {
                var n = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken);
                if (n == 0)
                {
                    throw ApiErrors.BadRequest("the request body ended before its Content-Length");
                }

                filled += n;
            }

            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw ApiErrors.RequestEntityTooLarge(MaxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a JSON body (at most <see cref="JsonLimits.MaxDepth"/> deep, never recursing); 400 when malformed.</summary>
    public static JsonNode? ParseJson(byte[] bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            return JsonBodyReader.Parse(bytes, cancellationToken);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    /// <summary>Converts a YAML body as sigs.k8s.io/yaml does, within goyaml's depth and alias limits; 400 when malformed.</summary>
    public static JsonNode? ParseYaml(byte[] bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            return YamlToJson.Convert(Encoding.UTF8.GetString(bytes), cancellationToken);
        }
        catch (YamlException e)
        {
            // YamlDotNet prefixes its message with the marks "(Line: l, Col: c, Idx: i) - (…): "; goyaml says "line l: ".
            var message = e.Message;
            var marks = message.IndexOf("): ", StringComparison.Ordinal);
            message = marks >= 0 && message.StartsWith('(') ? message[(marks + 3)..] : message;
            throw ApiErrors.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {message}");
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
