namespace Orchestrator.ApiServer.Handlers;

/// <summary>A DELETE's options, from its (optional) body and query, as kube-apiserver reads them.</summary>
internal sealed record DeleteOptions(long? GracePeriodSeconds, string? PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun)
{
    public static async Task<DeleteOptions> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonObject body = [];
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var bytes = await RequestBody.ReadBytesAsync(request, cancellationToken);
            if (bytes.Length > 0)
            {
                var mediaType = RequestBody.MediaType(request);
                var node = mediaType switch
                {
                    "application/json" or "" => RequestBody.ParseJson(bytes, cancellationToken),
                    "application/yaml" => RequestBody.ParseYaml(bytes, cancellationToken),
                    Protobuf.KubernetesProtobuf.MediaType => Protobuf.KubernetesProtobuf.DecodeDeleteOptions(bytes),
                    _ => throw ApiErrors.UnsupportedMediaType(mediaType, RequestBody.ObjectMediaTypes),
                };
                body = node as JsonObject ?? throw ApiErrors.BadRequest("DeleteOptions must be a JSON object");
            }
        }

        var query = request.Query;
        var grace = QueryValues.Int64(query["gracePeriodSeconds"]) ?? Long(body["gracePeriodSeconds"]);
        var policy = query["propagationPolicy"].Count > 0 ? query["propagationPolicy"].ToString() : Text(body["propagationPolicy"]);
        var orphanDependents = QueryValues.Bool(query["orphanDependents"])
            ?? (body["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var fromBody) ? fromBody : null);
        if (policy is null && orphanDependents is { } orphaning)
        {
            policy = orphaning ? "Orphan" : "Background";
        }

        if (policy is not (null or "Background" or "Foreground" or "Orphan"))
        {
            throw ApiErrors.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }

        if (grace is < 0)
        {
            grace = 1;
        }

        var dryRun = query["dryRun"].ToString() == "All" || body["dryRun"] is JsonArray { Count: > 0 } array && array[0]?.ToString() == "All";
        return new DeleteOptions(grace, policy, Text(body["preconditions"]?["uid"]), Text(body["preconditions"]?["resourceVersion"]), dryRun);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number)
        ? number
        : node is null ? null : throw ApiErrors.BadRequest("gracePeriodSeconds must be an integer");
}
