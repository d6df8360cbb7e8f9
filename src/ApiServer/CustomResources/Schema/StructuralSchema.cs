namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// One node of a CustomResourceDefinition's OpenAPI v3 schema, as upstream's structural schema
/// (apiextensions-apiserver pkg/apiserver/schema) holds it: the structure (type, properties, items,
/// additionalProperties), the generic fields, the Kubernetes extensions and the value validations.
/// The logical junctors (<see cref="AllOf"/>, <see cref="AnyOf"/>, <see cref="OneOf"/>, <see cref="Not"/>)
/// are kept for validation only: pruning and defaulting follow the structure alone. Immutable;
/// <see cref="Parse"/> builds it from the JSON of <c>openAPIV3Schema</c> without judging it (that is
/// <see cref="CrdSchemaValidation"/>'s job, which a CRD must pass before its schema is used).
/// </summary>
internal sealed record StructuralSchema
{
    private static readonly IReadOnlyDictionary<string, StructuralSchema> NoProperties = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);

    /// <summary>object, array, string, integer, number, boolean, or empty (preserve-unknown-fields / int-or-string).</summary>
    public string Type { get; init; } = "";

    /// <summary>Properties, ordered by name (ordinal), so walks report in a stable order.</summary>
    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; init; } = NoProperties;

    public StructuralSchema? Items { get; init; }

    /// <summary>The schema of additionalProperties when it is a schema.</summary>
    public StructuralSchema? AdditionalProperties { get; init; }

    /// <summary><c>additionalProperties: true</c> or <c>false</c> as a bare boolean; null when absent or a schema.</summary>
    public bool? AdditionalPropertiesAllowed { get; init; }

    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>The allowed values (deep-copied from the schema); null when the schema has no enum.</summary>
    public IReadOnlyList<JsonNode?>? Enum { get; init; }

    public double? Maximum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    public double? Minimum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public double? MultipleOf { get; init; }

    public long? MaxLength { get; init; }

    public long? MinLength { get; init; }

    public string Pattern { get; init; } = "";

    public long? MaxItems { get; init; }

    public long? MinItems { get; init; }

    public bool UniqueItems { get; init; }

    public long? MaxProperties { get; init; }

    public long? MinProperties { get; init; }

    public string Format { get; init; } = "";

    public bool Nullable { get; init; }

    /// <summary>The default value (a private deep copy: callers must clone it before inserting it anywhere).</summary>
    public JsonNode? Default { get; init; }

    /// <summary>True when the schema has a <c>default</c> key, even <c>default: null</c>.</summary>
    public bool HasDefault { get; init; }

    public string Description { get; init; } = "";

    public string Title { get; init; } = "";

    public bool XPreserveUnknownFields { get; init; }

    /// <summary>True when <c>x-kubernetes-preserve-unknown-fields</c> is present (true or false); upstream refuses false.</summary>
    public bool? XPreserveUnknownFieldsValue { get; init; }

    public bool XEmbeddedResource { get; init; }

    public bool XIntOrString { get; init; }

    public string? XListType { get; init; }

    public IReadOnlyList<string> XListMapKeys { get; init; } = [];

    public string? XMapType { get; init; }

    public IReadOnlyList<ValidationRule> XValidations { get; init; } = [];

    public IReadOnlyList<StructuralSchema> AllOf { get; init; } = [];

    public IReadOnlyList<StructuralSchema> AnyOf { get; init; } = [];

    public IReadOnlyList<StructuralSchema> OneOf { get; init; } = [];

    public StructuralSchema? Not { get; init; }

    /// <summary>The schema's keys this model does not hold ($ref, patternProperties, definitions, …), for CRD validation to refuse.</summary>
    public IReadOnlyList<string> UnsupportedKeys { get; init; } = [];

    /// <summary>The schema's <c>example</c>, kept for the published OpenAPI.</summary>
    public JsonNode? Example { get; init; }

    /// <summary>The schema's <c>externalDocs</c>, kept for the published OpenAPI.</summary>
    public JsonObject? ExternalDocs { get; init; }

    /// <summary>
    /// Reads an <c>openAPIV3Schema</c> object. Nesting deeper than <see cref="SchemaLimits.MaxDepth"/>
    /// throws <see cref="SchemaTooDeepException"/>; wrongly typed keywords (a string <c>required</c>, …) throw
    /// <see cref="FormatException"/> with the keyword's path.
    /// </summary>
    public static StructuralSchema Parse(JsonObject openApiV3Schema) => SchemaParser.Parse(openApiV3Schema);
}
