using k8s.Models;

namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// The named schemas that are not KubernetesClient records: apimachinery's scalar types (which the
/// client maps to IntOrString, ResourceQuantity, DateTime and object) and the PATCH body. Shapes
/// follow upstream's OpenAPI v3 (oneOf for the int-or-string and quantity unions).
/// </summary>
internal static class KnownSchemas
{
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string Time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string MicroTime = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
    public const string RawExtension = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    public const string FieldsV1 = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1";
    public const string Patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    /// <summary>DateTime fields that are MicroTime upstream (microsecond precision on the wire); all others are Time.</summary>
    private static readonly FrozenSet<(Type, string)> MicroTimeFields = new[]
    {
        (typeof(Corev1Event), "eventTime"),
        (typeof(Corev1EventSeries), "lastObservedTime"),
        (typeof(Eventsv1Event), "eventTime"),
        (typeof(Eventsv1EventSeries), "lastObservedTime"),
        (typeof(V1LeaseSpec), "acquireTime"),
        (typeof(V1LeaseSpec), "renewTime"),
    }.ToFrozenSet();

    /// <summary>Fields typed <c>object</c> in the client that upstream gives a named schema.</summary>
    private static readonly FrozenDictionary<(Type, string), string> ObjectFields = new Dictionary<(Type, string), string>
    {
        [(typeof(V1ControllerRevision), "data")] = RawExtension,
        [(typeof(V1ManagedFieldsEntry), "fieldsV1")] = FieldsV1,
    }.ToFrozenDictionary();

    /// <summary>The schema of a DateTime field.</summary>
    public static string TimeOf(ModelProperty property) =>
        MicroTimeFields.Contains((property.Owner, property.JsonName)) ? MicroTime : Time;

    /// <summary>The named schema of an <c>object</c> field, or null for free-form content.</summary>
    public static string? ObjectOf(ModelProperty property) => ObjectFields.GetValueOrDefault((property.Owner, property.JsonName));

    /// <summary>Builds the named schema; throws for a name this class does not define.</summary>
    public static JsonObject Create(string name) => name switch
    {
        IntOrString => new JsonObject
        {
            ["description"] = "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.",
            ["format"] = "int-or-string",
            ["oneOf"] = new JsonArray(Typed("integer"), Typed("string")),
        },
        Quantity => new JsonObject
        {
            ["description"] = "Quantity is a fixed-point representation of a number, serialized as a string such as \"100m\", \"1.5Gi\" or \"2\": a signed decimal number followed by an optional binary (Ki, Mi, Gi, Ti, Pi, Ei), decimal (m, k, M, G, T, P, E) or exponent (e3) suffix.",
            ["oneOf"] = new JsonArray(Typed("string"), Typed("number")),
        },
        Time => Timestamp("Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON. Wrappers are provided for many of the factory methods that the time package offers."),
        MicroTime => Timestamp("MicroTime is version of Time with microsecond level precision."),
        RawExtension => FreeForm("RawExtension is used to hold extensions in external versions: an arbitrary embedded object, kept as it was sent."),
        FieldsV1 => FreeForm("FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format. Each key is either a '.' representing the field itself, or an 'f:<name>', 'v:<value>', 'k:<keys>' or 'i:<index>' path element."),
        Patch => FreeForm("Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."),
        _ => throw new ArgumentException($"{name} is not a known schema", nameof(name)),
    };

    /// <summary>Whether <paramref name="name"/> is one of the schemas <see cref="Create"/> builds.</summary>
    public static bool Defines(string name) =>
        name is IntOrString or Quantity or Time or MicroTime or RawExtension or FieldsV1 or Patch;

    private static JsonObject Typed(string type) => new() { ["type"] = type };

    private static JsonObject Timestamp(string description) => new()
    {
        ["description"] = description,
        ["format"] = "date-time",
        ["type"] = "string",
    };

    private static JsonObject FreeForm(string description) => new()
    {
        ["description"] = description,
        ["type"] = "object",
    };
}
