using Microsoft.AspNetCore.Http.Features;
using Orchestrator.ApiMachinery.Http;
using Orchestrator.Streaming;

namespace Orchestrator.Kubelet.Server.Relay;

/// <summary>
/// Relays a client's upgrade request (SPDY/3.1 or WebSocket) to the runtime's streaming server as
/// upstream's kubelet does (UpgradeAwareHandler): the same method and path with the client's
/// upgrade headers, then — when the server switches protocols — the same 101 back to the client
/// and the bytes pumped both ways until the server closes; any other answer is passed through.
/// The relay never looks inside the stream, so every remotecommand (v1–v5) and portforward
/// protocol the runtime speaks reaches the client unchanged.
/// </summary>
internal sealed partial class UpgradeRelay(ILogger<UpgradeRelay> logger)
{
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> NotCopiedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Date", "Server",
    };

    /// <summary>True when the request asks to switch protocols (checked before asking the runtime for a URL).</summary>
    public static bool IsUpgradeRequest(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true };

    /// <summary>Relays until either side closes, the client goes away or <paramref name="stopping"/> fires (the server stops).</summary>
    /// <exception cref="HttpRequestException">The runtime's streaming server cannot be reached (status 502).</exception>
    public async Task RelayAsync(HttpContext context, Uri target, CancellationToken stopping)
    {
        if (!string.Equals(target.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException($"the runtime's streaming URL scheme \"{target.Scheme}\" is not supported (want http)", null, HttpStatusCode.BadGateway);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var aborted = linked.Token;
        UpgradeConnection backend;
        using (var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(aborted))
        {
            headTimeout.CancelAfter(HeadTimeout);
            try
            {
                backend = await UpgradeConnection.OpenAsync(
                    target.Host, target.Port, target.Authority, context.Request.Method, target.PathAndQuery, ForwardedRequestHeaders(context.Request), tls: null, headTimeout.Token);
            }
            catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !aborted.IsCancellationRequested))
            {
                throw new HttpRequestException($"the runtime's streaming server at {target.Authority} did not answer: {e.Message}", e, HttpStatusCode.BadGateway);
            }
        }

        await using (backend)
        {
            var head = backend.Head;
            if (!backend.Upgraded)
            {
                LogNotUpgraded(logger, target.AbsolutePath, head.StatusCode);
                context.Response.StatusCode = head.StatusCode;
                CopyResponseHeaders(head, context.Response.Headers);
                if (head.Values("Content-Length").FirstOrDefault() is { } length && long.TryParse(length, System.Globalization.CultureInfo.InvariantCulture, out var contentLength))
                {
                    context.Response.ContentLength = contentLength;
                }

                await HttpBody.CopyAsync(head, backend.Connection, context.Response.Body, aborted);
                return;
            }

            CopyResponseHeaders(head, context.Response.Headers);
            var client = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
            await backend.RelayAsync(client, logger, aborted);
        }
    }

    /// <summary>The client's upgrade headers, each value on its own line.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ForwardedRequestHeaders(HttpRequest request) =>
        request.Headers
            .Where(h => IsForwardedRequestHeader(h.Key))
            .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? string.Empty)));

    private static bool IsForwardedRequestHeader(string name) =>
        name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Stream-Protocol-Version", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Sec-WebSocket-", StringComparison.OrdinalIgnoreCase);

    private static void CopyResponseHeaders(HttpResponseHead head, IHeaderDictionary headers)
    {
        foreach (var group in head.Headers.Where(h => !NotCopiedResponseHeaders.Contains(h.Key)).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            headers[group.Key] = group.Select(h => h.Value).ToArray();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Streaming server answered {Path} with {Status} instead of switching protocols; passed to the client")]
    private static partial void LogNotUpgraded(ILogger logger, string path, int status);
}
