using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Http;

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
        using var backend = new TcpClient { NoDelay = true };
        Stream connection;
        HttpResponseHead head;
        ReadOnlyMemory<byte> rest;
        using (var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(aborted))
        {
            headTimeout.CancelAfter(HeadTimeout);
            try
            {
                await backend.ConnectAsync(target.Host, target.Port, headTimeout.Token);
                connection = backend.GetStream();
                await connection.WriteAsync(BuildRequestHead(context.Request, target), headTimeout.Token);
                (head, rest) = await HttpResponseHead.ReadAsync(connection, headTimeout.Token);
            }
            catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !aborted.IsCancellationRequested))
            {
                throw new HttpRequestException($"the runtime's streaming server at {target.Authority} did not answer: {e.Message}", e, HttpStatusCode.BadGateway);
            }
        }

        var body = new PrefixedStream(rest, connection, leaveOpen: true);
        if (head.StatusCode != StatusCodes.Status101SwitchingProtocols)
        {
            LogNotUpgraded(logger, target.AbsolutePath, head.StatusCode);
            context.Response.StatusCode = head.StatusCode;
            CopyResponseHeaders(head, context.Response.Headers);
            if (head.Values("Content-Length").FirstOrDefault() is { } length && long.TryParse(length, System.Globalization.CultureInfo.InvariantCulture, out var contentLength))
            {
                context.Response.ContentLength = contentLength;
            }
            await HttpBody.CopyAsync(head, body, context.Response.Body, aborted);
            return;
        }

        CopyResponseHeaders(head, context.Response.Headers);
        var client = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
        await PumpAsync(client, backend, body, connection, aborted);
    }

    private static byte[] BuildRequestHead(HttpRequest request, Uri target)
    {
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(target.Authority).Append("\r\n");
        foreach (var (name, values) in request.Headers)
        {
            if (!IsForwardedRequestHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

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

    /// <summary>
    /// Client → runtime until the client goes away (the runtime then sees end of stream: Kestrel
    /// treats a client's FIN as a disconnect, and SPDY and WebSocket end streams with their own
    /// frames anyway); runtime → client until the runtime closes, which ends the relay.
    /// </summary>
    private async Task PumpAsync(Stream client, TcpClient backend, Stream fromBackend, Stream toBackend, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var upstream = Task.Run(
            async () =>
            {
                try
                {
                    await client.CopyToAsync(toBackend, stop.Token);
                    backend.Client.Shutdown(SocketShutdown.Send);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    LogPumpEnded(logger, "client to runtime", e.Message);
                }
            },
            CancellationToken.None);
        try
        {
            await fromBackend.CopyToAsync(client, stop.Token);
            await client.FlushAsync(stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogPumpEnded(logger, "runtime to client", e.Message);
        }
        finally
        {
            await stop.CancelAsync();
            backend.Close();
            await upstream;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Streaming server answered {Path} with {Status} instead of switching protocols; passed to the client")]
    private static partial void LogNotUpgraded(ILogger logger, string path, int status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Relay {Direction} ended: {Reason}")]
    private static partial void LogPumpEnded(ILogger logger, string direction, string reason);
}
