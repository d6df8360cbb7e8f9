using System.Globalization;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>Query parameters decoded as upstream's parameter codec decodes them (Go's strconv rules), 400 on bad syntax.</summary>
internal static class QueryValues
{
    /// <summary>Go's strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.</summary>
    public static bool? Bool(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        return text switch
        {
            "" when !query.ContainsKey(name) => null,
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" or "" => false,
            _ => throw ApiErrors.BadRequest($"{name}: strconv.ParseBool: parsing {Selectors.GoText.Quote(text)}: invalid syntax"),
        };
    }

    public static long? Int64(IQueryCollection query, string name)
    {
        if (!query.ContainsKey(name))
        {
            return null;
        }

        var text = query[name].ToString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"{name}: strconv.ParseInt: parsing {Selectors.GoText.Quote(text)}: invalid syntax");
    }

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
            : throw ApiErrors.BadRequest($"{name}: parsing time {Selectors.GoText.Quote(text)} as \"2006-01-02T15:04:05Z07:00\": cannot parse");
    }
}
