using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Testing;

/// <summary>A response read by <see cref="RawHttpConnection"/>: status code, header fields in order, body bytes.</summary>
public sealed record RawHttpResponse(int Code, IReadOnlyList<KeyValuePair<string, string>> HeaderFields, byte[] Content)
{
    /// <summary>Header values by name (case-insensitive); a repeated header keeps its first value, see <see cref="Values"/>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } =
        HeaderFields.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as UTF-8 text.</summary>
    public string Body => Encoding.UTF8.GetString(Content);

    public JsonObject? Json => Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) as JsonObject : null;

    /// <summary>Every value of a header that may repeat (Warning).</summary>
    public IReadOnlyList<string> Values(string name) =>
        [.. HeaderFields.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];
}
