namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// JSON values seen as Go's unstructured decoding sees them: a number without fraction or exponent that
/// fits int64 is an integer, any other number a float64.
/// </summary>
internal static class JsonKinds
{
    public const string Null = "null";
    public const string Boolean = "boolean";
    public const string String = "string";
    public const string Integer = "integer";
    public const string Number = "number";
    public const string Object = "object";
    public const string Array = "array";

    /// <summary>The OpenAPI type name of a value (<see cref="Integer"/> only for Go's int64 case).</summary>
    public static string Of(JsonNode? node) => node switch
    {
        null => Null,
        JsonObject => Object,
        JsonArray => Array,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => String,
            JsonValueKind.True or JsonValueKind.False => Boolean,
            JsonValueKind.Number => TryGetInt64(v, out _) ? Integer : Number,
            _ => Null,
        },
        _ => Null,
    };

    /// <summary>True for a number Go decodes as int64 (no fraction, no exponent, in range).</summary>
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Any JSON number as float64.</summary>
    public static double AsDouble(JsonNode node) =>
        double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A float64 that holds an integer (kube-openapi accepts it where an integer is expected).</summary>
    public static bool IsIntegral(JsonNode node) =>
        Of(node) switch
        {
            Integer => true,
            Number => AsDouble(node) is var d && double.IsFinite(d) && Math.Floor(d) == d,
            _ => false,
        };

    public static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>Deep equality with Go's semantics for decoded JSON (numbers compared by value, integer 1 ≠ float 1.5).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var pending = new Stack<(JsonNode? A, JsonNode? B)>();
        pending.Push((a, b));
        while (pending.Count > 0)
        {
            var (x, y) = pending.Pop();
            switch (x, y)
            {
                case (null, null):
                    continue;
                case (JsonObject ox, JsonObject oy):
                    if (ox.Count != oy.Count)
                    {
                        return false;
                    }

                    foreach (var (key, value) in ox)
                    {
                        if (!oy.TryGetPropertyValue(key, out var other))
                        {
                            return false;
                        }

                        pending.Push((value, other));
                    }

                    continue;
                case (JsonArray ax, JsonArray ay):
                    if (ax.Count != ay.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < ax.Count; i++)
                    {
                        pending.Push((ax[i], ay[i]));
                    }

                    continue;
                case (JsonValue vx, JsonValue vy):
                    if (!ScalarEquals(vx, vy))
                    {
                        return false;
                    }

                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool ScalarEquals(JsonValue x, JsonValue y)
    {
        var kx = Of(x);
        var ky = Of(y);
        if (kx is Integer or Number && ky is Integer or Number)
        {
            return kx == Integer && ky == Integer
                ? TryGetInt64(x, out var ix) && TryGetInt64(y, out var iy) && ix == iy
                : AsDouble(x) == AsDouble(y);
        }

        if (kx != ky)
        {
            return false;
        }

        return kx switch
        {
            String => x.GetValue<string>() == y.GetValue<string>(),
            Boolean => x.GetValue<bool>() == y.GetValue<bool>(),
            _ => true,
        };
    }
}
