namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>How upstream's field errors print a decoded JSON value (field.Error's value formatting).</summary>
internal static class GoValue
{
    /// <summary>Strings quoted (%q), numbers and booleans as %v, null as the string "null" (quoted), objects and arrays as %#v.</summary>
    public static string Format(JsonNode? value) => Format(value, 0);

    /// <summary>Nested values deeper than this print as "..." so a hostile value cannot exhaust the stack.</summary>
    private const int MaxDepth = 32;

    private static string Format(JsonNode? value, int depth) => JsonKinds.Of(value) switch
    {
        _ when depth > MaxDepth => "...",
        JsonKinds.Null => "\"null\"",
        JsonKinds.String => GoText.Quote(value!.GetValue<string>()),
        JsonKinds.Boolean => value!.GetValue<bool>() ? "true" : "false",
        JsonKinds.Integer => value!.ToJsonString(),
        JsonKinds.Number => Float(JsonKinds.AsDouble(value!)),
        JsonKinds.Object => "map[string]interface {}{" + string.Join(", ", value!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{GoText.Quote(p.Key)}:{Nested(p.Value, depth + 1)}")) + "}",
        _ => "[]interface {}{" + string.Join(", ", value!.AsArray().Select(v => Nested(v, depth + 1))) + "}",
    };

    /// <summary>Go's %v of a float64: shortest round-trip digits, exponent form below 1e-4 and from 1e21.</summary>
    public static string Float(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }

        var shortest = value.ToString(CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var abs = Math.Abs(value);
        var scientific = abs != 0 && (abs < 1e-4 || abs >= 1e21);
        if (e < 0 && !scientific)
        {
            return shortest;
        }

        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-').Replace(".", "", StringComparison.Ordinal);
        var point = mantissa.TrimStart('-').IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? dot : mantissa.TrimStart('-').Length;
        var trimmed = digits.TrimStart('0');
        point -= digits.Length - trimmed.Length;
        digits = trimmed.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var decimalExponent = point + exponent - 1;
        var sign = negative ? "-" : "";
        if (scientific)
        {
            var head = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            return sign + head + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }

        var position = decimalExponent + 1;
        var text = position >= digits.Length
            ? digits + new string('0', position - digits.Length)
            : position <= 0 ? "0." + new string('0', -position) + digits : digits[..position] + "." + digits[position..];
        return sign + text;
    }

    private static string Nested(JsonNode? value, int depth) => JsonKinds.Of(value) switch
    {
        JsonKinds.Null => "interface {}(nil)",
        JsonKinds.String => GoText.Quote(value!.GetValue<string>()),
        JsonKinds.Integer => value!.ToJsonString(),
        JsonKinds.Number => Float(JsonKinds.AsDouble(value!)),
        JsonKinds.Boolean => value!.GetValue<bool>() ? "true" : "false",
        _ => Format(value, depth),
    };

    /// <summary>A JSON value as Go's encoding/json writes it (enum values that are not strings).</summary>
    public static string Json(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}
