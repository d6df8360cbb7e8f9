namespace Orchestrator.ApiServer.Aggregation.Proxy;

/// <summary>
/// The request the proxy sends to an aggregated API server, over HTTP/1.1 with every header value on its own line
/// (.NET's HttpClient folds repeated request headers into one comma-joined line, and a backend's headerrequest
/// authenticator reads each <c>X-Remote-Group</c> line as one group). Pure.
/// </summary>
internal static class ForwardedRequest
{
    /// <summary>
    /// The client's end-to-end headers (hop-by-hop ones, credentials, impersonation and made-up X-Remote-* dropped),
    /// <c>Connection</c> (Upgrade for an upgrade, else close: one request per connection), the body's framing, then the user's front-proxy headers.
    /// </summary>
    public static List<KeyValuePair<string, string>> Headers(IHeaderDictionary request, UserInfo user, bool upgrade, long? contentLength, bool chunked)
    {
        var headers = UpgradeHeaders.ToKubelet(request).Where(h => !ProxyHeaders.IsStripped(h.Key) && !h.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase)).ToList();
        headers.Add(KeyValuePair.Create("Connection", upgrade ? "Upgrade" : "close"));
        if (contentLength is { } length)
        {
            headers.Add(KeyValuePair.Create("Content-Length", length.ToString(CultureInfo.InvariantCulture)));
        }
        else if (chunked)
        {
            headers.Add(KeyValuePair.Create("Transfer-Encoding", "chunked"));
        }

        headers.AddRange(ProxyHeaders.For(user));
        return headers;
    }

    /// <summary>The request line, Host and <paramref name="headers"/> in order, UTF-8 (as Go writes header bytes).</summary>
    /// <exception cref="ApiException">400 when a value would break the head (a line break or NUL in it, e.g. in a user name).</exception>
    public static byte[] Head(string method, string target, string authority, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var head = new StringBuilder().Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\nHost: ").Append(authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw ApiErrors.BadRequest($"header {name} cannot be forwarded: its value holds a line break");
            }

            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(head.Append("\r\n").ToString());
    }
}
