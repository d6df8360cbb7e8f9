namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>The built-in kinds' documents, built once, with the naming and catalog the custom resources' documents reuse.</summary>
internal sealed record BuiltInDocuments(
    SchemaNaming Naming, SchemaCatalog Catalog, FrozenDictionary<string, GroupVersionDocument> ByKey, IReadOnlyList<NamedSchema> Schemas);
