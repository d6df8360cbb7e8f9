namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// The <c>Warning</c> headers of one response, capped as kube-apiserver caps them (its warning
/// recorder filter): duplicates are dropped; while the total stays within 4,096 runes every
/// warning goes out whole; once a warning would pass that, every warning is cut to 256 runes and
/// only those that still fit the 4,096 total are sent. Each call is O(1) once the cap is reached,
/// so 40,000 unknown fields cost 40,000 cheap calls, not 40,000 headers.
/// </summary>
internal sealed class WarningRecorder
{
    private const int TotalRunes = 4 * 1024;
    private const int ItemRunes = 256;
    private static readonly object Key = new();

    private readonly IHeaderDictionary _headers;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _ordered = [];
    private int _written;
    private bool _truncating;

    private WarningRecorder(IHeaderDictionary headers) => _headers = headers;

    /// <summary>The recorder of <paramref name="context"/>'s response.</summary>
    public static WarningRecorder For(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var existing) && existing is WarningRecorder recorder)
        {
            return recorder;
        }

        recorder = new WarningRecorder(context.Response.Headers);
        context.Items[Key] = recorder;
        return recorder;
    }

    public void Add(string text)
    {
        if (text.Length == 0 || (_truncating && _written >= TotalRunes) || !_seen.Add(text))
        {
            return;
        }

        _ordered.Add(text);
        var item = _truncating ? Truncate(text) : text;
        var runes = RuneCount(item);
        if (_written + runes <= TotalRunes || !_truncating)
        {
            if (_written + runes > TotalRunes)
            {
                // The first warning past the total: start again, every warning truncated.
                Replay();
                return;
            }

            _written += runes;
            _headers.Append("Warning", Header(item));
        }
    }

    private void Replay()
    {
        _truncating = true;
        _written = 0;
        _headers.Remove("Warning");
        foreach (var text in _ordered)
        {
            var item = Truncate(text);
            var runes = RuneCount(item);
            if (_written + runes <= TotalRunes)
            {
                _written += runes;
                _headers.Append("Warning", Header(item));
            }
        }
    }

    /// <summary>
    /// A warning as kube-apiserver sends it: <c>299 - "text"</c>. Control characters cannot go in a
    /// header value and become spaces; other text is sent as UTF-8.
    /// </summary>
    private static string Header(string text)
    {
        var quoted = new System.Text.StringBuilder(text.Length + 10).Append("299 - \"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' or '\\' => quoted.Append('\\').Append(c),
                _ when char.IsControl(c) => quoted.Append(' '),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static int RuneCount(string text) => text.EnumerateRunes().Count();

    private static string Truncate(string text)
    {
        if (text.Length <= ItemRunes)
        {
            return text;
        }

        var cut = 0;
        var runes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (runes++ == ItemRunes)
            {
                break;
            }

            cut += rune.Utf16SequenceLength;
        }

        return text[..cut];
    }
}
