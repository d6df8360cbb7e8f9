using Orchestrator.ApiMachinery.Resources;

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
    private readonly CancellationToken _cancellationToken;
    private int _visited;

    private SchemaCheck(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    /// <summary>Paths of unknown fields, e.g. <c>spec.foo</c>, in document order.</summary>
    public IReadOnlyList<string> UnknownFields => _unknown;

    /// <summary>Descriptions of values of the wrong JSON type.</summary>
    public IReadOnlyList<string> WrongTypes => _wrongTypes;

    /// <summary>Decode errors of values with the right JSON type but a malformed text (quantities), as upstream words them.</summary>
    public IReadOnlyList<string> Malformed => _malformed;

    public static SchemaCheck Run(JsonObject obj, Type modelType, CancellationToken cancellationToken = default)
    {
        var check = new SchemaCheck(cancellationToken);
        check.WalkObject(obj, modelType, "");
        return check;
    }

    private void WalkObject(JsonObject obj, Type modelType, string path)
    {
        var fields = ModelSchema.Fields(modelType);
        var unknownBefore = _unknown.Count;
        foreach (var (name, value) in obj.ToArray())
        {
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (!fields.TryGetValue(name, out var shape))
            {
                _unknown.Add(childPath);
                continue;
            }

            Walk(value, shape, childPath);
        }

        if (_unknown.Count > unknownBefore)
        {
            RemoveUnknown(obj, fields);
        }
    }

    /// <summary>Drops the fields the type does not have in one pass (one Remove per field is quadratic in a wide object).</summary>
    private static void RemoveUnknown(JsonObject obj, IReadOnlyDictionary<string, FieldShape> fields)
    {
        var kept = obj.Where(p => fields.ContainsKey(p.Key)).ToList();
        obj.Clear();
        foreach (var (name, value) in kept)
        {
            obj[name] = value;
        }
    }

    private void Walk(JsonNode? node, FieldShape shape, string path)
    {
        if (node is null)
        {
            return;
        }

        if (++_visited % 4096 == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
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
            case FieldKind.Integer when kind == JsonValueKind.Number && CanonicalInteger(node.AsValue(), shape.Is32Bit):
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
        if (!Quantity.TryParse(text, out var quantity, out var error))
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

    /// <summary>
    /// Whether a number fits an int64 (or int32) field as Go's decoder reads it, and if so stores it
    /// in canonical form (<c>-0</c> becomes <c>0</c>). A JSON literal must be an integer in range
    /// (2^63 and <c>1.0</c> are refused); a whole float from YAML is accepted, since sigs.k8s.io/yaml
    /// writes it as an integer.
    /// </summary>
    private static bool CanonicalInteger(JsonValue value, bool is32Bit)
    {
        if (!TryGetInteger(value, out var integer) || (is32Bit && integer is < int.MinValue or > int.MaxValue))
        {
            return false;
        }

        if (!value.TryGetValue<long>(out _) || value.ToJsonString() != integer.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            value.ReplaceWith(integer);
        }

        return true;
    }

    private static bool TryGetInteger(JsonValue value, out long integer)
    {
        if (value.TryGetValue(out integer))
        {
            return true;
        }

        if (value.TryGetValue<int>(out var i32))
        {
            integer = i32;
            return true;
        }

        if (value.TryGetValue<uint>(out var u32))
        {
            integer = u32;
            return true;
        }

        if (value.TryGetValue<ulong>(out var big) && big <= long.MaxValue)
        {
            integer = (long)big;
            return true;
        }

        if (value.TryGetValue<double>(out var real) && value.GetValue<object>() is double
            && Math.Floor(real) == real && real is >= -9.2233720368547758E18 and < 9.2233720368547758E18)
        {
            integer = (long)real;
            return true;
        }

        integer = 0;
        return false;
    }

    /// <summary>The Go decoder's name of a JSON value's type in "cannot unmarshal X into …" errors.</summary>
    internal static string Describe(JsonValueKind kind) => kind switch
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
