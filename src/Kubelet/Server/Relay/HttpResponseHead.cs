using System.Globalization;
using System.Text;

namespace Orchestrator.Kubelet.Server.Relay;

/// <summary>The status line and headers of an HTTP/1.1 response, in wire order.</summary>
internal sealed record HttpResponseHead(int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Every value of header <paramref name="name"/> (case-insensitive), in order.</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>Parses a response head (status line + header lines, without the blank line); null when malformed.</summary>
    public static HttpResponseHead? Parse(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || status[1].Length != 3)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new HttpResponseHead(code, status.Length > 2 ? status[2] : string.Empty, headers);
    }
}
