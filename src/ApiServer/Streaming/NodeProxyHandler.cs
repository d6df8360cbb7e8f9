using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// <c>nodes/{id}/proxy/{path}</c> (upstream's node ProxyREST): the request goes to the node's kubelet (the kubelet's
/// address, port and TLS client certificate, as pods/log) or to another port of the node, relayed by
/// <see cref="ProxyForwarder"/> like the pods and services proxies. A kubelet that cannot be reached is upstream's 500
/// "error trying to reach service".
/// </summary>
internal sealed class NodeProxyHandler(IStore store, ResourceRegistry registry, KubeletTls tls, ProxyForwarder forwarder, ProxyClients clients)
{
    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        ProxyForwarder.RequireMethod(context);
        var id = ProxyId.Parse(request.Name!, "node");
        var nodes = registry.Find("", "v1", "nodes")!;
        var stored = await store.GetAsync(ObjectKeys.Item(nodes, null, id.Name), context.RequestAborted) ?? throw ApiErrors.NotFound(nodes, id.Name);
        var kubelet = PodStreamTarget.Kubelet(StoredObject.Decode(stored)) with { Tls = tls.IfEnabled };
        var (origin, toKubelet) = NodeProxyTarget.Locate(kubelet, id.Scheme, id.Port);
        var backendPath = ProxyPath.Backend(request.ConnectPath, ProxyForwarder.TrailingSlash(context));
        var destination = new ProxyDestination(
            origin, backendPath, $"/api/v1/nodes/{request.Name}/proxy", toKubelet ? clients.Kubelet : clients.Backend, 500, ForwardHost: false);
        await forwarder.ForwardAsync(context, destination);
    }
}
