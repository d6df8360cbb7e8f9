using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using k8s.Models;
using Orchestrator.ApiServer.OpenApi.Schemas;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>
/// The <c>/openapi/v3</c> root and its per-group-version documents for a registry. Documents are
/// large (core/v1 is megabytes), so they are built once, on first use, and kept as bytes; the root
/// needs every document's hash, so all are built together. Thread-safe.
/// </summary>
internal sealed class OpenApiV3Documents
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lazy<(byte[] Root, FrozenDictionary<string, GroupVersionDocument> ByKey, IReadOnlyList<NamedSchema> Schemas)> _built;

    public OpenApiV3Documents(ResourceRegistry registry, Func<ModelDocumentation> documentation)
    {
        _built = new(() => Build(registry, documentation()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The root document: one <c>serverRelativeURL</c> per served group-version.</summary>
    public byte[] Root => _built.Value.Root;

    public IReadOnlyCollection<GroupVersionDocument> All => _built.Value.ByKey.Values;

    /// <summary>Every schema of every document, sorted by name (what OpenAPI v2's single document defines).</summary>
    public IReadOnlyList<NamedSchema> AllSchemas => _built.Value.Schemas;

    /// <summary>The document for "api/v1" or "apis/{group}/{version}", or null when that group-version is not served.</summary>
    public GroupVersionDocument? Find(string key) => _built.Value.ByKey.GetValueOrDefault(key);

    /// <summary>The model types a registry's documents name: its kinds, lists, subresource kinds, and the meta kinds operations use.</summary>
    public static IEnumerable<Type> SchemaRoots(ResourceRegistry registry) =>
        registry.All
            .SelectMany(r => new[] { r.ModelType, r.ListType }.Concat(r.Subresources.Where(s => s.Kind != r.Kind && !s.Connect).Select(PathsBuilder.ModelOf)))
            .Append(typeof(V1Status))
            .Append(typeof(V1DeleteOptions))
            .Distinct();

    private static (byte[], FrozenDictionary<string, GroupVersionDocument>, IReadOnlyList<NamedSchema>) Build(
        ResourceRegistry registry, ModelDocumentation documentation)
    {
        var naming = SchemaNaming.Build(SchemaRoots(registry));
        var catalog = new SchemaCatalog(naming, documentation);
        var everySchema = new HashSet<string>(StringComparer.Ordinal);
        var documents = registry.All
            .Select(r => new GroupVersion(r.Group, r.Version))
            .Distinct()
            .Select(gv => BuildDocument(gv, registry.InGroupVersion(gv.Group, gv.Version), naming, catalog, everySchema))
            .ToList();
        return (RootOf(documents), documents.ToFrozenDictionary(d => d.Key, StringComparer.Ordinal), catalog.Closure(everySchema));
    }

    private static GroupVersionDocument BuildDocument(
        GroupVersion groupVersion, IEnumerable<ResourceDefinition> resources, SchemaNaming naming, SchemaCatalog catalog, HashSet<string> everySchema)
    {
        var paths = new PathsBuilder(groupVersion, naming);
        var roots = new List<string>();
        foreach (var resource in resources)
        {
            paths.Add(resource);
            roots.Add(naming.NameOf(resource.ModelType));
            roots.Add(naming.NameOf(resource.ListType));
        }

        var schemas = catalog.Closure(roots.Concat(paths.ReferencedSchemas));
        everySchema.UnionWith(schemas.Select(s => s.Name));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            OpenApiInfo.WriteDocumentStart(writer, "openapi", "3.0.0");
            writer.WritePropertyName("paths");
            paths.Paths.WriteTo(writer);
            writer.WriteStartObject("components");
            writer.WriteStartObject("schemas");
            foreach (var schema in schemas)
            {
                writer.WritePropertyName(schema.Name);
                schema.Schema.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var json = buffer.ToArray();
        return new GroupVersionDocument(groupVersion.Key, json, Convert.ToHexString(SHA512.HashData(json)));
    }

    private static byte[] RootOf(IEnumerable<GroupVersionDocument> documents)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("paths");
            foreach (var document in documents)
            {
                writer.WriteStartObject(document.Key);
                writer.WriteString("serverRelativeURL", document.ServerRelativeUrl);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
