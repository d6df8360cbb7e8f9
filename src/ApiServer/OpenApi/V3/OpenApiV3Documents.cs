using System.Text.Encodings.Web;
using k8s.Models;

namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>
/// The <c>/openapi/v3</c> root and its per-group-version documents for a registry. Documents are
/// large (core/v1 is megabytes), so the built-in ones are built once, on first use, and kept as bytes;
/// the documents of custom resources (and the root listing them) are rebuilt when the registry's served
/// set changes (<see cref="ResourceRegistry.Generation"/>). Thread-safe.
/// </summary>
internal sealed class OpenApiV3Documents
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ResourceRegistry _registry;
    private readonly Lazy<BuiltInDocuments> _built;
    private readonly Lock _gate = new();
    private volatile CustomDocuments? _custom;

    public OpenApiV3Documents(ResourceRegistry registry, Func<ModelDocumentation> documentation)
    {
        _registry = registry;
        _built = new(() => Build(registry, documentation()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The root document: one <c>serverRelativeURL</c> per served group-version.</summary>
    public byte[] Root => Custom.Root;

    public IReadOnlyCollection<GroupVersionDocument> All => [.. _built.Value.ByKey.Values, .. Custom.ByKey.Values];

    /// <summary>Every schema of every built-in document, sorted by name (what OpenAPI v2's single document defines).</summary>
    public IReadOnlyList<NamedSchema> AllSchemas => _built.Value.Schemas;

    /// <summary>The document for "api/v1" or "apis/{group}/{version}", or null when that group-version is not served.</summary>
    public GroupVersionDocument? Find(string key) => Custom.ByKey.GetValueOrDefault(key) ?? _built.Value.ByKey.GetValueOrDefault(key);

    /// <summary>The model types a registry's documents name: its built-in kinds, lists, subresource kinds, and the meta kinds operations use.</summary>
    public static IEnumerable<Type> SchemaRoots(ResourceRegistry registry) =>
        registry.All
            .Where(IsDocumentedBuiltIn)
            .SelectMany(r => new[] { r.ModelType, r.ListType }.Concat(r.Subresources.Where(s => s.Kind != r.Kind && !s.Connect).Select(PathsBuilder.ModelOf)))
            .Append(typeof(V1Status))
            .Append(typeof(V1DeleteOptions))
            .Distinct();

    /// <summary>
    /// A built-in kind whose model declares its group, version and kind: the computed metrics.k8s.io kinds have client
    /// models without them (upstream publishes them from metrics-server's own document, not kube-apiserver's), so they
    /// have no schema name and stay out, as create-only and stored kinds never do.
    /// </summary>
    private static bool IsDocumentedBuiltIn(ResourceDefinition resource) =>
        resource.Custom is null && Schemas.ModelTypes.KindOf(resource.ModelType) is not null;

    private CustomDocuments Custom
    {
        get
        {
            var generation = _registry.Generation;
            var current = _custom;
            if (current is not null && current.Generation == generation)
            {
                return current;
            }

            lock (_gate)
            {
                if (_custom is null || _custom.Generation != generation)
                {
                    _custom = BuildCustom(generation);
                }

                return _custom;
            }
        }
    }

    private CustomDocuments BuildCustom(long generation)
    {
        var built = _built.Value;
        var everySchema = new HashSet<string>(StringComparer.Ordinal);
        var documents = _registry.All
            .Where(r => r.Custom is not null)
            .Select(r => new GroupVersion(r.Group, r.Version))
            .Distinct()
            .Select(gv => BuildDocument(gv, _registry.InGroupVersion(gv.Group, gv.Version), built.Naming, built.Catalog, everySchema))
            .ToList();
        return new CustomDocuments(generation, RootOf([.. built.ByKey.Values, .. documents]), documents.ToFrozenDictionary(d => d.Key, StringComparer.Ordinal));
    }

    private static BuiltInDocuments Build(ResourceRegistry registry, ModelDocumentation documentation)
    {
        var naming = SchemaNaming.Build(SchemaRoots(registry));
        var catalog = new SchemaCatalog(naming, documentation);
        var everySchema = new HashSet<string>(StringComparer.Ordinal);
        var builtIn = registry.All.Where(IsDocumentedBuiltIn).ToList();
        var documents = builtIn
            .Select(r => new GroupVersion(r.Group, r.Version))
            .Distinct()
            .Select(gv => BuildDocument(gv, builtIn.Where(r => r.Group == gv.Group && r.Version == gv.Version), naming, catalog, everySchema))
            .ToList();
        return new BuiltInDocuments(naming, catalog, documents.ToFrozenDictionary(d => d.Key, StringComparer.Ordinal), catalog.Closure(everySchema));
    }

    private static GroupVersionDocument BuildDocument(
        GroupVersion groupVersion, IEnumerable<ResourceDefinition> resources, SchemaNaming naming, SchemaCatalog catalog, HashSet<string> everySchema)
    {
        var paths = new PathsBuilder(groupVersion, naming);
        var roots = new List<string>();
        var custom = new List<NamedSchema>();
        foreach (var resource in resources)
        {
            paths.Add(resource);
            if (resource.Custom is not null)
            {
                custom.AddRange(CustomResourceSchemas.Of(resource));
                continue;
            }

            roots.Add(naming.NameOf(resource.ModelType));
            roots.Add(naming.NameOf(resource.ListType));
        }

        var customNames = custom.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var referenced = roots.Concat(paths.ReferencedSchemas).Concat(custom.SelectMany(c => c.References)).Where(n => !customNames.Contains(n));
        var schemas = catalog.Closure(referenced).Concat(custom).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        everySchema.UnionWith(schemas.Where(s => !customNames.Contains(s.Name)).Select(s => s.Name));
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
