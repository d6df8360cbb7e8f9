using Orchestrator.ApiMachinery.Http;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>Which headers cross the proxy in each direction of an upgrade.</summary>
internal static class UpgradeHeaders
{
    /// <summary>Hop-by-hop headers and the client's credentials for this server stay behind; Connection is set anew.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate",
        "Transfer-Encoding", "TE", "Trailer", "Content-Length", "Authorization", "Cookie",
    };

    /// <summary>Headers not relayed back to the client; Kestrel writes its own framing and Connection.</summary>
    private static readonly HashSet<string> NotReturned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Content-Length", "Date", "Server",
    };

    /// <summary>The client's request headers as the kubelet gets them: everything end-to-end, plus Connection: Upgrade.</summary>
    public static List<KeyValuePair<string, string>> ToKubelet(IHeaderDictionary request)
    {
        var headers = request
            .Where(h => !NotForwarded.Contains(h.Key))
            .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")))
            .ToList();
        headers.Add(KeyValuePair.Create("Connection", "Upgrade"));
        return headers;
    }

    /// <summary>Copies the kubelet's response headers onto the client's response.</summary>
    public static void ToClient(HttpResponseHead kubelet, HttpResponse response)
    {
        foreach (var group in kubelet.Headers.Where(h => !NotReturned.Contains(h.Key)).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            response.Headers[group.Key] = group.Select(h => h.Value).ToArray();
        }
    }
}
