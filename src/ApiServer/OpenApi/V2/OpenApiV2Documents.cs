using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.OpenApi.V3;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>
/// The single <c>/openapi/v2</c> document in its two encodings, built lazily (thread-safe) from the
/// v3 documents' schemas: every definition of every group-version, plus the PATCH operations
/// kubectl's field-validation verifier looks for. With the definitions, kubectl 1.27/1.28 can also
/// explain kinds and compute strategic merge patches from v2.
/// </summary>
internal sealed class OpenApiV2Documents
{
    private readonly Lazy<IReadOnlyList<(string Name, JsonObject Schema)>> _definitions;
    private readonly Lazy<byte[]> _protobuf;
    private readonly Lazy<byte[]> _json;

    public OpenApiV2Documents(ResourceRegistry registry, OpenApiV3Documents v3)
    {
        _definitions = new(
            () => [.. v3.AllSchemas.Select(s => (s.Name, SchemaV2Converter.Convert(s.Schema)))],
            LazyThreadSafetyMode.ExecutionAndPublication);
        _protobuf = new(
            () => OpenApiV2Protobuf.Encode(registry, SchemaProtobuf.Definitions(_definitions.Value)),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _json = new(() => EncodeJson(registry, _definitions.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The gnostic protobuf encoding, served as <see cref="OpenApiV2Protobuf.ContentType"/>.</summary>
    public byte[] Protobuf => _protobuf.Value;

    /// <summary>The Swagger 2.0 JSON encoding.</summary>
    public byte[] Json => _json.Value;

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
            ["consumes"] = new JsonArray([.. V3.OperationBuilder.PatchContentTypes.Select(t => JsonValue.Create(t))]),
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
