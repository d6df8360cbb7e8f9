using System.Text.Json.Nodes;
using Orchestrator.ApiServer.OpenApi.Schemas;
using Orchestrator.ApiServer.OpenApi.V2;
using Orchestrator.ApiServer.OpenApi.V3;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>The built-in registry's documents, built once for the whole test run (loading the XML docs takes a moment).</summary>
internal static class Documents
{
    private static readonly Lazy<ModelDocumentation> Docs = new(ModelDocumentation.Load);

    /// <summary>The model documentation, loaded once for every test that builds documents.</summary>
    public static ModelDocumentation Documentation => Docs.Value;

    public static OpenApiV3Documents V3 { get; } = new(ResourceRegistry.BuiltIn, () => Docs.Value);

    public static OpenApiV2Documents V2 { get; } = new(ResourceRegistry.BuiltIn, V3);

    public static JsonObject Parse(string key) =>
        JsonNode.Parse(V3.Find(key)?.Json ?? throw new InvalidOperationException($"no document {key}"))!.AsObject();

    public static JsonObject Schema(JsonObject document, string name) =>
        document["components"]!["schemas"]![name]?.AsObject() ?? throw new InvalidOperationException($"no schema {name}");
}
