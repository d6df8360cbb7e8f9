namespace Orchestrator.ApiServer.Streaming;

/// <summary>A URL query in insertion order, escaped as Go's url.Values.Encode escapes (spaces as +).</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _text = new();

    public void Add(string name, string value)
    {
        _text.Append(_text.Length == 0 ? '?' : '&').Append(Escape(name)).Append('=').Append(Escape(value));
    }

    /// <summary>Adds <paramref name="name"/>=<paramref name="value"/> only when <paramref name="condition"/> holds (a flag the kubelet reads as set when present).</summary>
    public void AddIf(bool condition, string name, string value)
    {
        if (condition)
        {
            Add(name, value);
        }
    }

    /// <summary>"?a=b&amp;c=d", or "" when empty.</summary>
    public override string ToString() => _text.ToString();

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
