using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// The one relay of the proxy subresources (pods, services and nodes <c>…/proxy/{path}</c>), upstream's
/// UpgradeAwareHandler on YARP's <see cref="IHttpForwarder"/>: the methods upstream's proxy REST accepts, the redirect
/// of a bare proxy root to its "/" form, the request and the answer streamed both ways with hop-by-hop headers dropped,
/// upgrade requests (WebSocket, SPDY) relayed after the backend's 101, and a backend that cannot be reached answered
/// "error trying to reach service: …" with the destination's status. Authorization already happened on
/// <c>{resource}/proxy</c> with the verb of the method.
/// </summary>
internal sealed class ProxyForwarder(IHttpForwarder forwarder)
{
    /// <summary>upstream's proxyMethods, the ConnectMethods of every proxy REST.</summary>
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    // Proxied answers may stream for as long as the client keeps the request (a watch, a WebSocket).
    private static readonly ForwarderRequestConfig Config = new() { ActivityTimeout = Timeout.InfiniteTimeSpan };

    /// <summary>Throws 405 for a method no proxy subresource accepts (checked before the destination is looked up).</summary>
    public static void RequireMethod(HttpContext context)
    {
        if (!Methods.Contains(context.Request.Method))
        {
            throw ApiErrors.MethodNotAllowed();
        }
    }

    /// <summary>Whether the request path ended with "/" (kept on the backend path, as upstream keeps it).</summary>
    public static bool TrailingSlash(HttpContext context) => context.Request.Path.Value?.EndsWith('/') == true;

    public async Task ForwardAsync(HttpContext context, ProxyDestination destination)
    {
        if (ProxyPath.RedirectsToSlash(destination.BackendPath, context.Request.Method))
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw && RawPath.PathOf(raw) is { } path ? path : context.Request.Path.Value;
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = target + "/" + context.Request.QueryString.Value;
            return;
        }

        var error = await forwarder.SendAsync(context, destination.Origin.GetLeftPart(UriPartial.Authority), destination.Client, Config, new ProxyTransformer(destination));
        if (error is ForwarderError.None or ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled || context.Response.HasStarted)
        {
            return;
        }

        var cause = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        var message = (cause?.InnerException ?? cause)?.Message ?? error.ToString();
        // 503 is upstream's ServiceUnavailable from the proxy transport; a 500 (nodes) is an error without a reason.
        throw new ApiException(destination.UnreachableStatus, destination.UnreachableStatus == 503 ? "ServiceUnavailable" : "", $"error trying to reach service: {message}");
    }
}
