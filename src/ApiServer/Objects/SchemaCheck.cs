using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Objects;

/// <summary>
/// Walks a JSON object against its model type: removes fields the type does not have (as a typed
/// decode does upstream), and collects unknown-field and wrong-type findings for the caller to
/// turn into warnings or a 400.
/// </summary>
internal sealed class SchemaCheck
{
    private readonly List<string> _unknown = [];
    private readonly List<string> _wrongTypes = [];
    private readonly List<string> _malformed = [];

    /// <summary>Paths of unknown fields, e.g. <c>spec.foo</c>, in document order.</summary>
    public IReadOnlyList<string> UnknownFields => _unknown;

    /// <summary>Descriptions of values of the wrong JSON type.</summary>
    public IReadOnlyList<string> WrongTypes => _wrongTypes;

    /// <summary>Decode errors of values with the right JSON type but a malformed text (quantities), as upstream words them.</summary>
    public IReadOnlyList<string> Malformed => _malformed;

    public static SchemaCheck Run(JsonObject obj, Type modelType)
    {
        var check = new SchemaCheck();
        check.WalkObject(obj, modelType, "");
        return check;
    }

    private void WalkObject(JsonObject obj, Type modelType, string path)
    {
        var fields = ModelSchema.Fields(modelType);
        foreach (var (name, value) in obj.ToArray())
        {
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (!fields.TryGetValue(name, out var shape))
            {
                _unknown.Add(childPath);
                obj.Remove(name);
                continue;
            }

            Walk(value, shape, childPath);
        }
    }

    private void Walk(JsonNode? node, FieldShape shape, string path)
    {
        if (node is null)
        {
            return;
        }

        var kind = node.GetValueKind();
        switch (shape.Kind)
        {
            case FieldKind.Object when node is JsonObject child:
                WalkObject(child, shape.ObjectType!, path);
                break;
            case FieldKind.List when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], shape.Element!, $"{path}[{i}]");
                }

                break;
            case FieldKind.Map when node is JsonObject map:
                foreach (var (key, value) in map.ToArray())
                {
                    Walk(value, shape.Element!, $"{path}.{key}");
                }

                break;
            case FieldKind.Quantity when kind is JsonValueKind.String or JsonValueKind.Number:
                CanonicalQuantity(node.AsValue(), kind);
                break;
            case FieldKind.String or FieldKind.Time or FieldKind.Bytes when kind == JsonValueKind.String:
            case FieldKind.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
            case FieldKind.Number when kind == JsonValueKind.Number:
            case FieldKind.IntOrString when kind is JsonValueKind.String or JsonValueKind.Number:
            case FieldKind.Any:
                break;
            case FieldKind.Integer when kind == JsonValueKind.Number && (shape.Is32Bit ? IsInt32(node.AsValue()) : IsIntegral(node.AsValue())):
                break;
            default:
                _wrongTypes.Add($"cannot unmarshal {Describe(kind)} into field {path} of type {Expected(shape)}");
                break;
        }
    }

    /// <summary>Parses a quantity as upstream's decoder does and stores it in canonical form (<c>0.5</c> becomes <c>500m</c>).</summary>
    private void CanonicalQuantity(JsonValue value, JsonValueKind kind)
    {
        var text = kind == JsonValueKind.String ? value.GetValue<string>().Trim() : value.ToJsonString();
        if (!Validation.Quantity.TryParse(text, out var quantity, out var error))
        {
            _malformed.Add(error!);
            return;
        }

        var canonical = quantity.ToString();
        if (kind != JsonValueKind.String || canonical != value.GetValue<string>())
        {
            value.ReplaceWith(canonical);
        }
    }

    /// <summary>Whether a number is an integer, whichever CLR type the value was built from.</summary>
    private static bool IsIntegral(JsonValue value) =>
        value.TryGetValue<long>(out _) || value.TryGetValue<int>(out _) || value.TryGetValue<short>(out _)
        || value.TryGetValue<uint>(out _) || value.TryGetValue<ulong>(out _) || value.TryGetValue<byte>(out _);

    private static bool IsInt32(JsonValue value) =>
        value.TryGetValue<int>(out _) || value.TryGetValue<short>(out _) || value.TryGetValue<byte>(out _)
        || (value.TryGetValue<long>(out var wide) && wide is >= int.MinValue and <= int.MaxValue);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "value",
    };

    private static string Expected(FieldShape shape) => shape.Kind switch
    {
        FieldKind.Object => "object",
        FieldKind.List => "array",
        FieldKind.Map => "map",
        FieldKind.Integer => "integer",
        FieldKind.Number => "number",
        FieldKind.Boolean => "bool",
        FieldKind.IntOrString => "int or string",
        _ => "string",
    };
}
