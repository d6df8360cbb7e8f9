using System.Net.Security;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Handlers;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// <c>nodes/{name}/proxy/{path}</c> (upstream's node ProxyREST): the request goes to the node's kubelet (the
/// kubelet's address, port and TLS client certificate, as pods/log) or to another port of the node, and the
/// answer comes back as it is: status, headers, body streamed. Authorization already happened on
/// <c>nodes/proxy</c> with the verb of the method. A kubelet that cannot be reached is upstream's 500
/// "error trying to reach service"; upgrade requests (exec through the node proxy) are refused.
/// </summary>
internal sealed class NodeProxyHandler(IStore store, ResourceRegistry registry, KubeletTls tls) : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Trailer", "TE",
    };

    private readonly HttpClient _kubelet = new(tls.Handler()) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly HttpClient _other = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        // Upstream's proxy transport does not verify a node's other ports' certificates either.
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        var method = context.Request.Method;
        if (method is not ("GET" or "POST" or "PUT" or "DELETE"))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>()?.IsUpgradableRequest == true || context.WebSockets.IsWebSocketRequest)
        {
            throw ApiErrors.BadRequest("upgrade requests are not proxied to nodes; use pods/exec, pods/attach or pods/portforward");
        }

        var (scheme, name, port) = NodeProxyTarget.Parse(request.Name!);
        var nodes = registry.Find("", "v1", "nodes")!;
        var stored = await store.GetAsync(ObjectKeys.Item(nodes, null, name), context.RequestAborted) ?? throw ApiErrors.NotFound(nodes, name);
        var kubelet = PodStreamTarget.Kubelet(StoredObject.Decode(stored)) with { Tls = tls.IfEnabled };
        var (url, toKubelet) = NodeProxyTarget.Locate(kubelet, scheme, port, NodeProxyTarget.CleanPath(request.ConnectPath) + context.Request.QueryString.Value);

        using var forward = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            forward.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } contentType)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (context.Request.Headers.Accept.ToString() is { Length: > 0 } accept)
        {
            forward.Headers.TryAddWithoutValidation("Accept", accept);
        }

        HttpResponseMessage response;
        try
        {
            response = await (toKubelet ? _kubelet : _other).SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            // Upstream's proxy transport wraps the dial error; the API server answers it as an unknown 500.
            throw new ApiException(500, "", $"error trying to reach service: {e.Message}");
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    public void Dispose()
    {
        _kubelet.Dispose();
        _other.Dispose();
    }
}
