namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// The proxy subresources: <c>pods/{id}/proxy/{path}</c> (upstream's pod ProxyREST: the pod's IP),
/// <c>services/{id}/proxy/{path}</c> (the service ProxyREST: one ready endpoint of the port asked for) and
/// <c>nodes/{id}/proxy/{path}</c> (<see cref="NodeProxyHandler"/>), each relayed by <see cref="ProxyForwarder"/>.
/// </summary>
internal sealed class ProxyHandler(IStore store, ResourceRegistry registry, ProxyForwarder forwarder, ProxyClients clients, NodeProxyHandler nodes)
{
    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        ProxyForwarder.RequireMethod(context);
        if (request.Resource.Kind == "Node")
        {
            await nodes.HandleAsync(context, request);
            return;
        }

        var ns = request.Namespace!;
        var origin = request.Resource.Kind == "Pod"
            ? await PodAsync(request.Resource, ns, ProxyId.Parse(request.Name!, "pod"), context.RequestAborted)
            : await ServiceAsync(request.Resource, ns, request.Name!, context.RequestAborted);
        var prefix = $"/api/v1/namespaces/{ns}/{request.Resource.Plural}/{request.Name}/proxy";
        var backendPath = ProxyPath.Backend(request.ConnectPath, ProxyForwarder.TrailingSlash(context));
        await forwarder.ForwardAsync(context, new ProxyDestination(origin, backendPath, prefix, clients.Backend, 503, ForwardHost: true));
    }

    private async Task<Uri> PodAsync(ResourceDefinition pods, string ns, ProxyId id, CancellationToken cancellationToken) =>
        PodProxyLocation.Locate(await ReadAsync(pods, ns, id.Name, cancellationToken), id);

    private async Task<Uri> ServiceAsync(ResourceDefinition services, string ns, string rawId, CancellationToken cancellationToken)
    {
        var id = ProxyId.Parse(rawId, "service");
        JsonObject? service = null;
        if (long.TryParse(id.Port, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            service = await ReadAsync(services, ns, id.Name, cancellationToken);
        }

        var portName = ServiceProxyLocation.PortName(id, () => service!);
        var endpoints = await ReadAsync(registry.Find("", "v1", "endpoints")!, ns, id.Name, cancellationToken);
        var pods = registry.Find("", "v1", "pods")!;
        foreach (var candidate in ServiceProxyLocation.Candidates(endpoints, portName, ns, id.Name, Random.Shared))
        {
            // upstream's isValidAddress: the address must still be an IP of the pod it names.
            var pod = await store.GetAsync(ObjectKeys.Item(pods, ns, candidate.PodName), cancellationToken);
            if (pod is not null && ServiceProxyLocation.PodHasIp(StoredObject.Decode(pod), candidate.Ip)
                && System.Net.IPAddress.TryParse(candidate.Ip, out var address))
            {
                return PodProxyLocation.Endpoint(id.Scheme, address, candidate.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        throw ServiceProxyLocation.NoEndpoints(rawId);
    }

    private async Task<JsonObject> ReadAsync(ResourceDefinition resource, string ns, string name, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(ObjectKeys.Item(resource, ns, name), cancellationToken) ?? throw ApiErrors.NotFound(resource, name);
        return StoredObject.Decode(stored);
    }
}
