namespace Orchestrator.Kubelet.Server;

/// <summary>Boolean and integer query parameters, read as upstream's parameter codec does (Go's strconv).</summary>
internal static class QueryFlag
{
    /// <summary>True for 1/t/true, false for absent/empty/0/f/false (any case); anything else is a 400.</summary>
    public static bool Get(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        return value.ToUpperInvariant() switch
        {
            "" or "0" or "F" or "FALSE" => false,
            "1" or "T" or "TRUE" => true,
            _ => throw new StreamingRuntimeException(HttpStatusCode.BadRequest, $"invalid boolean value {value} for query parameter {name}"),
        };
    }

    /// <summary>The integer value of <paramref name="name"/>, null when absent; not an integer is a 400.</summary>
    public static long? GetInt64(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new StreamingRuntimeException(HttpStatusCode.BadRequest, $"invalid integer value {value} for query parameter {name}");
    }
}
