using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Http;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// Relays an upgrade request (SPDY/3.1, or a WebSocket whose channel protocol the kubelet speaks)
/// to the kubelet byte for byte, as upstream's UpgradeAwareHandler does: the kubelet's 101 and its
/// headers (negotiated X-Stream-Protocol-Version, Sec-WebSocket-Accept …) go back to the client,
/// then both directions are copied until the kubelet ends; any other answer is passed through.
/// </summary>
internal sealed partial class UpgradeProxy(ILogger<UpgradeProxy> logger)
{
    public async Task ProxyAsync(HttpContext context, KubeletEndpoint kubelet, string pathAndQuery)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
        {
            throw ApiErrors.BadRequest("Upgrade request required");
        }

        var aborted = context.RequestAborted;
        await using var upstream = await KubeletUpgrade.SendAsync(kubelet, context.Request.Method, pathAndQuery, UpgradeHeaders.ToKubelet(context.Request.Headers), aborted);
        if (!upstream.Upgraded)
        {
            await PassThroughAsync(context, upstream);
            return;
        }

        UpgradeHeaders.ToClient(upstream.Head, context.Response);
        await using var client = await upgrade.UpgradeAsync();
        LogUpgraded(logger, pathAndQuery, upstream.Head.Header("Upgrade") ?? "", upstream.Head.Header("X-Stream-Protocol-Version") ?? upstream.Head.Header("Sec-WebSocket-Protocol") ?? "");
        await RelayAsync(client, upstream, aborted);
    }

    /// <summary>The kubelet's non-101 answer, status, headers and body, as the client's response.</summary>
    public static async Task PassThroughAsync(HttpContext context, KubeletUpgrade upstream)
    {
        var body = await HttpBody.ReadAsync(upstream.Head, upstream.Connection, context.RequestAborted);
        context.Response.StatusCode = upstream.Head.StatusCode;
        UpgradeHeaders.ToClient(upstream.Head, context.Response);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Copies both ways. The client finishing its side half-closes the kubelet connection; the
    /// kubelet finishing ends the relay (the server then closes the client's connection).
    /// </summary>
    public static async Task RelayAsync(Stream client, KubeletUpgrade upstream, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toKubelet = Task.Run(
            async () =>
            {
                try
                {
                    await client.CopyToAsync(upstream.Connection, stop.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client went away or the relay is over.
                }

                upstream.CloseWrite();
            },
            CancellationToken.None);
        try
        {
            await upstream.Connection.CopyToAsync(client, stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side dropped the connection: the relay is over.
        }
        finally
        {
            await stop.CancelAsync();
            await toKubelet;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Relaying {Path} to the kubelet: upgraded to {Upgrade} {Protocol}")]
    private static partial void LogUpgraded(ILogger logger, string path, string upgrade, string protocol);
}
