using System.Reflection;
using System.Text.Json.Serialization;

namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// What a strategic merge patch knows about one place in an object: the KubernetesClient model type there,
/// found by walking <c>[JsonPropertyName]</c> properties from the resource's model type. A list field's
/// schema is its element type's, a dictionary's answers every key with its value type's, and anything
/// else (strings, IntOrString, free-form JSON, fields the model lacks) is <see cref="Unknown"/>.
/// Built lazily and cached, so self-referencing models (JSONSchemaProps) are fine. Thread-safe.
/// </summary>
internal sealed class PatchSchema
{
    private static readonly ConcurrentDictionary<Type, PatchSchema> Cache = new();

    private readonly Type? _model;
    private readonly FrozenDictionary<string, Type>? _fields;
    private readonly Type? _dictionaryValue;

    private PatchSchema(Type? model, FrozenDictionary<string, Type>? fields, Type? dictionaryValue)
    {
        _model = model;
        _fields = fields;
        _dictionaryValue = dictionaryValue;
    }

    /// <summary>Free-form JSON: no strategies, every key allowed.</summary>
    public static PatchSchema Unknown { get; } = new(null, null, null);

    /// <summary>A type name for error messages.</summary>
    public string Name => _model?.Name ?? (_dictionaryValue is null ? "unknown" : "map");

    /// <summary>Whether this place is a map (string keys, one value type) rather than an object with named fields.</summary>
    public bool IsMap => _dictionaryValue is not null;

    /// <summary>The model type here; null for maps and unknown shapes.</summary>
    public Type? Model => _model;

    public static PatchSchema For(Type type) => Cache.GetOrAdd(type, Create);

    /// <summary>The schema inside field <paramref name="jsonName"/> and how the field is patched (null: replaced whole / merged as a plain map).</summary>
    public (PatchSchema Schema, PatchStrategy? Strategy) Field(string jsonName)
    {
        if (_dictionaryValue is not null)
        {
            return (For(_dictionaryValue), null);
        }

        if (_model is null || !_fields!.TryGetValue(jsonName, out var fieldType))
        {
            return (Unknown, null);
        }

        return (For(fieldType), PatchMetadata.For(_model, jsonName));
    }

    /// <summary>
    /// Whether a "$"-prefixed key that is no strategic-merge directive must be refused here: only where the
    /// model is known and has no such field (JSONSchemaProps, for one, really has "$ref" and "$schema").
    /// </summary>
    public bool RefusesKey(string key) => _model is not null && !_fields!.ContainsKey(key);

    private static PatchSchema Create(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum)
        {
            return Unknown;
        }

        if (GenericArgument(type, typeof(IDictionary<,>)) is { } dictionary)
        {
            return new PatchSchema(null, null, dictionary[1]);
        }

        if (GenericArgument(type, typeof(IEnumerable<>)) is { } enumerable)
        {
            return For(enumerable[0]);
        }

        var fields = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                fields[name.Name] = property.PropertyType;
            }
        }

        return fields.Count == 0 ? Unknown : new PatchSchema(type, fields.ToFrozenDictionary(StringComparer.Ordinal), null);
    }

    /// <summary>The type arguments of <paramref name="generic"/> when <paramref name="type"/> is or implements it.</summary>
    private static Type[]? GenericArgument(Type type, Type generic)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == generic)
        {
            return type.GetGenericArguments();
        }

        return type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)
            ?.GetGenericArguments();
    }
}
