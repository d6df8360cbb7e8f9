using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Orchestrator.ApiServer.Objects;

/// <summary>
/// The JSON schema of the KubernetesClient model types, read once per type by reflection: which
/// fields exist and what each accepts. Drives unknown-field detection, pruning and type checks.
/// </summary>
internal static class ModelSchema
{
    private static readonly ConcurrentDictionary<Type, FrozenDictionary<string, FieldShape>> Cache = new();

    /// <summary>The fields of model type <paramref name="type"/>, keyed by JSON name.</summary>
    public static FrozenDictionary<string, FieldShape> Fields(Type type) => Cache.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetIndexParameters().Length == 0)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, Shape: ShapeOf(p.PropertyType)))
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().Shape, StringComparer.Ordinal));

    public static FieldShape ShapeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new(FieldKind.String);
        }

        if (type == typeof(bool))
        {
            return new(FieldKind.Boolean);
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(byte))
        {
            return new(FieldKind.Integer, Is32Bit: true);
        }

        if (type == typeof(long))
        {
            return new(FieldKind.Integer);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new(FieldKind.Number);
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new(FieldKind.Time);
        }

        if (type == typeof(byte[]))
        {
            return new(FieldKind.Bytes);
        }

        if (type == typeof(IntOrString))
        {
            return new(FieldKind.IntOrString);
        }

        if (type == typeof(ResourceQuantity))
        {
            return new(FieldKind.Quantity);
        }

        if (Generic(type, typeof(IDictionary<,>)) is { } map)
        {
            return new(FieldKind.Map, Element: ShapeOf(map[1]));
        }

        if (Generic(type, typeof(IEnumerable<>)) is { } list)
        {
            return new(FieldKind.List, Element: ShapeOf(list[0]));
        }

        return type.Namespace == typeof(V1Pod).Namespace && type.IsClass
            ? new(FieldKind.Object, ObjectType: type)
            : new(FieldKind.Any);
    }

    private static Type[]? Generic(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type.GetGenericArguments();
        }

        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments();
    }
}
