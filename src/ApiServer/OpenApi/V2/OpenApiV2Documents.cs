using Orchestrator.ApiServer.OpenApi.V3;

namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>
/// The single <c>/openapi/v2</c> document in its two encodings, built lazily (thread-safe) from the
/// v3 documents' schemas: every definition of every group-version, plus the PATCH operations
/// kubectl's field-validation verifier looks for. With the definitions, kubectl 1.27/1.28 can also
/// explain kinds and compute strategic merge patches from v2.
/// </summary>
internal sealed class OpenApiV2Documents
{
    private readonly ResourceRegistry _registry;
    private readonly Lazy<IReadOnlyList<(string Name, JsonObject Schema)>> _builtInDefinitions;
    private readonly Lock _gate = new();
    private volatile Encodings? _current;

    public OpenApiV2Documents(ResourceRegistry registry, OpenApiV3Documents v3)
    {
        _registry = registry;
        _builtInDefinitions = new(
            () => [.. v3.AllSchemas.Select(s => (s.Name, SchemaV2Converter.Convert(s.Schema)))],
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The gnostic protobuf encoding, served as <see cref="OpenApiV2Protobuf.ContentType"/>.</summary>
    public byte[] Protobuf => Current.Protobuf.Value;

    /// <summary>The Swagger 2.0 JSON encoding.</summary>
    public byte[] Json => Current.Json.Value;

    /// <summary>The encodings for the served set as it is now: rebuilt (lazily) when custom resources come or go.</summary>
    private Encodings Current
    {
        get
        {
            var generation = _registry.Generation;
            if (_current is { } current && current.Generation == generation)
            {
                return current;
            }

            lock (_gate)
            {
                if (_current is null || _current.Generation != generation)
                {
                    var custom = _registry.All.Where(r => r.Custom is not null).SelectMany(r => CustomResourceSchemas.Of(r, v2: true)).Select(s => (s.Name, s.Schema));
                    var definitions = new Lazy<IReadOnlyList<(string Name, JsonObject Schema)>>(
                        () => [.. _builtInDefinitions.Value.Concat(custom).OrderBy(d => d.Name, StringComparer.Ordinal)],
                        LazyThreadSafetyMode.ExecutionAndPublication);
                    _current = new Encodings(
                        generation,
                        new(() => OpenApiV2Protobuf.Encode(_registry, SchemaProtobuf.Definitions(definitions.Value)), LazyThreadSafetyMode.ExecutionAndPublication),
                        new(() => EncodeJson(_registry, definitions.Value), LazyThreadSafetyMode.ExecutionAndPublication));
                }

                return _current;
            }
        }
    }

    private static byte[] EncodeJson(ResourceRegistry registry, IReadOnlyList<(string Name, JsonObject Schema)> definitions)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, OpenApiV3Documents.WriterOptions))
        {
            OpenApiInfo.WriteDocumentStart(writer, "swagger", "2.0");
            writer.WriteStartObject("paths");
            foreach (var resource in registry.All.Where(r => r.Verbs.Contains("patch")))
            {
                writer.WritePropertyName(OpenApiV2Protobuf.ItemPath(resource));
                PatchPathItem(resource).WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("definitions");
            foreach (var (name, schema) in definitions)
            {
                writer.WritePropertyName(name);
                schema.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static JsonObject PatchPathItem(ResourceDefinition resource)
    {
        var parameters = new JsonArray();
        foreach (var (name, type) in OpenApiV2Protobuf.PatchQueryParameters)
        {
            parameters.Add(new JsonObject { ["in"] = "query", ["name"] = name, ["type"] = type, ["uniqueItems"] = true });
        }

        var groupVersion = new GroupVersion(resource.Group, resource.Version);
        var patch = new JsonObject
        {
            ["consumes"] = new JsonArray([.. V3.OperationBuilder.PatchContentTypes.Where(t => resource.Custom is null || t != "application/strategic-merge-patch+json").Select(t => JsonValue.Create(t))]),
            ["description"] = $"partially update the specified {resource.Kind}",
            ["operationId"] = OpenApiV2Protobuf.PatchOperationId(resource),
            ["parameters"] = parameters,
            ["produces"] = new JsonArray("application/json"),
            ["tags"] = new JsonArray(groupVersion.Tag),
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = Schemas.SchemaGenerator.GroupVersionKind(resource.Group, resource.Version, resource.Kind),
        };
        return new JsonObject { ["patch"] = patch };
    }
}
