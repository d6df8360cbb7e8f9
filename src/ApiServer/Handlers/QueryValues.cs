using Microsoft.Extensions.Primitives;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Query parameter values parsed as Go's strconv does, so a malformed value is a 400 with
/// strconv's wording instead of being silently ignored. Only the first value of a repeated
/// parameter counts, as in upstream's parameter codec.
/// </summary>
internal static class QueryValues
{
    /// <summary>strconv.ParseBool; null when the parameter is absent.</summary>
    public static bool? Bool(StringValues values) => values.Count == 0 ? null : ParseBool(values[0] ?? "");

    /// <summary>strconv.ParseInt(text, 10, 64); null when the parameter is absent.</summary>
    public static long? Int64(StringValues values) => values.Count == 0 ? null : ParseInt64(values[0] ?? "");

    /// <summary>The same, by name (the pod streaming options read their queries this way).</summary>
    public static bool? Bool(IQueryCollection query, string name) => Bool(query[name]);

    public static long? Int64(IQueryCollection query, string name) => Int64(query[name]);

    /// <summary>An RFC 3339 time (metav1.Time's query form), to the second as the kubelet receives it.</summary>
    public static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        if (!query.ContainsKey(name))
        {
            return null;
        }

        var text = query[name].ToString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) && text.Contains('T', StringComparison.Ordinal)
            ? value
            : throw ApiErrors.BadRequest($"{name}: parsing time {GoQuote(text)} as \"2006-01-02T15:04:05Z07:00\": cannot parse");
    }

    public static bool ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw ApiErrors.BadRequest($"strconv.ParseBool: parsing {GoQuote(text)}: invalid syntax"),
    };

    public static long ParseInt64(string text)
    {
        // Go accepts one optional sign then decimal digits only: no spaces, no underscores (base 10), no hex.
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            throw ApiErrors.BadRequest($"strconv.ParseInt: parsing {GoQuote(text)}: invalid syntax");
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"strconv.ParseInt: parsing {GoQuote(text)}: value out of range");
    }

    private static string GoQuote(string text) => GoText.Quote(text);
}
