using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// Reflection over the KubernetesClient models: which properties go on the wire and which model
/// types a property leads to. The models carry no schema metadata beyond <c>[JsonPropertyName]</c>,
/// so everything the generator knows about a field's shape comes from its CLR type.
/// </summary>
internal static class ModelTypes
{
    private const string ModelNamespace = "k8s.Models";

    /// <summary>Serialized properties of <paramref name="model"/>, ordered by wire name as upstream documents list them.</summary>
    public static IReadOnlyList<ModelProperty> PropertiesOf(Type model) =>
    [
        .. model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Json: p.GetCustomAttribute<JsonPropertyNameAttribute>()))
            // Properties without the attribute (V1Status.HasObject) are client conveniences, not fields.
            .Where(p => p.Json is not null)
            .Select(p => new ModelProperty(model, p.Json!.Name, p.Property))
            .OrderBy(p => p.JsonName, StringComparer.Ordinal),
    ];

    /// <summary>
    /// True for the generated object models (records with fields), false for the scalar wrappers
    /// that serialize as strings or numbers (IntOrString, ResourceQuantity).
    /// </summary>
    public static bool IsObjectModel(Type type) =>
        type.Namespace == ModelNamespace
        && type.IsClass
        && type != typeof(IntOrString)
        && type != typeof(ResourceQuantity);

    /// <summary>The element type of a list, the value type of a map, the underlying type of a nullable; the type itself otherwise.</summary>
    public static Type Unwrap(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Unwrap(underlying);
        }

        if (ListElement(type) is { } element)
        {
            return Unwrap(element);
        }

        return MapValue(type) is { } value ? Unwrap(value) : type;
    }

    /// <summary>T for IList&lt;T&gt;, null for anything else (byte[] is a scalar, not a list).</summary>
    public static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>TValue for IDictionary&lt;string, TValue&gt;, null for anything else.</summary>
    public static Type? MapValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    /// <summary>The object models the fields of <paramref name="model"/> lead to, in field order.</summary>
    public static IEnumerable<Type> ReferencedModels(Type model) =>
        PropertiesOf(model).Select(p => Unwrap(p.Type)).Where(IsObjectModel).Distinct();

    /// <summary>The group, version and kind a top-level model declares through its generated constants, or null.</summary>
    public static (string Group, string Version, string Kind)? KindOf(Type model)
    {
        var kind = Constant(model, "KubeKind");
        var version = Constant(model, "KubeApiVersion");
        var group = Constant(model, "KubeGroup");
        return kind is { Length: > 0 } && version is { Length: > 0 } && group is not null ? (group, version, kind) : null;
    }

    /// <summary>Every top-level model in the KubernetesClient assembly, indexed by group, version and kind.</summary>
    public static IReadOnlyDictionary<(string Group, string Version, string Kind), Type> AllKinds { get; } = IndexKinds();

    private static Dictionary<(string, string, string), Type> IndexKinds()
    {
        var kinds = new Dictionary<(string, string, string), Type>();
        foreach (var type in typeof(V1Pod).Assembly.GetTypes().Where(t => t.Namespace == ModelNamespace && t.IsClass))
        {
            if (KindOf(type) is { } gvk)
            {
                // Add, not TryAdd: two models claiming one kind would make subresource schemas ambiguous.
                kinds.Add(gvk, type);
            }
        }

        return kinds;
    }

    private static string? Constant(Type model, string name) =>
        model.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
}
