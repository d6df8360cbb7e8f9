using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// What upstream's proxy transport changes on the way: the request goes to the destination's path with the client's
/// query, without the client's credentials or impersonation headers (the API server consumed them), with
/// X-Forwarded-For and X-Forwarded-Uri; the answer's Location is moved under the proxy prefix and CORS headers are
/// dropped (upstream's corsRemovingTransport). YARP copies everything else and drops hop-by-hop headers.
/// </summary>
internal sealed class ProxyTransformer(ProxyDestination destination) : HttpTransformer
{
    private static readonly string[] CorsHeaders =
        ["Access-Control-Allow-Credentials", "Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Access-Control-Allow-Origin"];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var path = destination.BackendPath.Length == 0 ? "/" : destination.BackendPath;
        proxyRequest.RequestUri = new Uri(destination.Origin, path + httpContext.Request.QueryString.Value);
        proxyRequest.Headers.Host = destination.ForwardHost ? httpContext.Request.Host.Value : null;
        proxyRequest.Headers.Remove("Authorization");
        foreach (var name in proxyRequest.Headers.Select(h => h.Key).Where(IsImpersonation).ToList())
        {
            proxyRequest.Headers.Remove(name);
        }

        var forwardedUri = destination.Prefix + (destination.BackendPath is "" or "/" ? "" : destination.BackendPath);
        proxyRequest.Headers.Remove("X-Forwarded-Uri");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Uri", destination.BackendPath.EndsWith('/') && !forwardedUri.EndsWith('/') ? forwardedUri + "/" : forwardedUri);
        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            var previous = proxyRequest.Headers.TryGetValues("X-Forwarded-For", out var values) ? string.Join(", ", values) + ", " : "";
            proxyRequest.Headers.Remove("X-Forwarded-For");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", previous + (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client));
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proxyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proxyResponse is null)
        {
            return proxyBody;
        }

        foreach (var name in CorsHeaders)
        {
            httpContext.Response.Headers.Remove(name);
        }

        var rewriter = new ProxyUrlRewriter(destination.Prefix, destination.Origin.Authority, httpContext.Request.Host.Value ?? "");
        if (httpContext.Response.Headers.Location.ToString() is { Length: > 0 } location)
        {
            httpContext.Response.Headers.Location = rewriter.Rewrite(location);
            return proxyBody;
        }

        return proxyBody && !await HtmlLinks.TryRewriteAsync(httpContext, proxyResponse, rewriter, cancellationToken);
    }

    private static bool IsImpersonation(string header) => header.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase);
}
