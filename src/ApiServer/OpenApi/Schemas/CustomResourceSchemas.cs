namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// The OpenAPI v3 component schemas of a custom resource version (upstream's apiextensions openapi builder): the
/// kind's schema from its structural schema (<see cref="OpenApiConversion.ToV3"/>) with apiVersion, kind and an
/// ObjectMeta metadata added, and its list; named like upstream, the group reversed: <c>com.example.stable.v1.CronTab</c>.
/// </summary>
internal static class CustomResourceSchemas
{
    private const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string ListMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";

    private const string KindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    private const string MetadataDescription =
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    public static string KindName(ResourceDefinition resource) => $"{ReversedGroup(resource.Group)}.{resource.Version}.{resource.Kind}";

    public static string ListName(ResourceDefinition resource) => KindName(resource) + "List";

    /// <summary>
    /// The kind's and the list's schemas; both reference ObjectMeta or ListMeta, which the document must carry.
    /// <paramref name="v2"/>: Swagger 2.0 definitions (<see cref="OpenApiConversion.ToV2"/>, bare <c>#/definitions/</c> references).
    /// </summary>
    public static IReadOnlyList<NamedSchema> Of(ResourceDefinition resource, bool v2 = false)
    {
        var schema = resource.Custom?.Schema is { } structural
            ? v2 ? OpenApiConversion.ToV2(structural) : OpenApiConversion.ToV3(structural)
            : new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        var properties = schema["properties"] as JsonObject ?? [];
        schema.Remove("properties");
        var merged = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" },
            ["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" },
            ["metadata"] = Reference(ObjectMeta, MetadataDescription, v2),
        };
        foreach (var (name, value) in properties.ToList())
        {
            if (name is not ("apiVersion" or "kind" or "metadata"))
            {
                properties.Remove(name);
                merged[name] = value;
            }
        }

        schema["properties"] = merged;
        schema["type"] ??= "object";
        schema["x-kubernetes-group-version-kind"] = new JsonArray(SchemaGenerator.GroupVersionKind(resource.Group, resource.Version, resource.Kind));

        var list = new JsonObject
        {
            ["description"] = $"{resource.ListKind} is a list of {resource.Kind}",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" },
                ["items"] = new JsonObject
                {
                    ["description"] = $"List of {resource.Plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md",
                    ["items"] = new JsonObject { ["$ref"] = (v2 ? V2.SchemaV2Converter.RefPrefix : SchemaGenerator.RefPrefix) + KindName(resource) },
                    ["type"] = "array",
                },
                ["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" },
                ["metadata"] = Reference(ListMeta, MetadataDescription, v2),
            },
            ["required"] = new JsonArray("items"),
            ["type"] = "object",
            ["x-kubernetes-group-version-kind"] = new JsonArray(SchemaGenerator.GroupVersionKind(resource.Group, resource.Version, resource.ListKind)),
        };
        return [new NamedSchema(KindName(resource), schema, [ObjectMeta]), new NamedSchema(ListName(resource), list, [ListMeta, KindName(resource)])];
    }

    /// <summary>A described reference: v3 wraps it in allOf (no siblings beside $ref), v2 puts the description beside it.</summary>
    private static JsonObject Reference(string schema, string description, bool v2) => v2
        ? new JsonObject { ["$ref"] = V2.SchemaV2Converter.RefPrefix + schema, ["description"] = description }
        : new JsonObject
        {
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemaGenerator.RefPrefix + schema }),
            ["default"] = new JsonObject(),
            ["description"] = description,
        };

    private static string ReversedGroup(string group) => string.Join('.', group.Split('.').Reverse());
}
