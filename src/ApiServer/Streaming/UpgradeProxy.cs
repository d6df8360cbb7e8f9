using Orchestrator.ApiMachinery.Http;
using Orchestrator.Streaming;

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
        await using var upstream = await kubelet.OpenUpgradeAsync(context.Request.Method, pathAndQuery, UpgradeHeaders.ToKubelet(context.Request.Headers), aborted);
        if (!upstream.Upgraded)
        {
            await PassThroughAsync(context, upstream);
            return;
        }

        UpgradeHeaders.ToClient(upstream.Head, context.Response);
        await using var client = await upgrade.UpgradeAsync();
        LogUpgraded(logger, pathAndQuery, upstream.Head.Header("Upgrade") ?? "", upstream.Head.Header("X-Stream-Protocol-Version") ?? upstream.Head.Header("Sec-WebSocket-Protocol") ?? "");
        await upstream.RelayAsync(client, logger, aborted);
    }

    /// <summary>The kubelet's non-101 answer, status, headers and body, as the client's response.</summary>
    public static async Task PassThroughAsync(HttpContext context, UpgradeConnection upstream)
    {
        var body = await HttpBody.ReadAsync(upstream.Head, upstream.Connection, context.RequestAborted);
        context.Response.StatusCode = upstream.Head.StatusCode;
        UpgradeHeaders.ToClient(upstream.Head, context.Response);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Relaying {Path} to the kubelet: upgraded to {Upgrade} {Protocol}")]
    private static partial void LogUpgraded(ILogger logger, string path, string upgrade, string protocol);
}
