namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// The connect subresources of pods — log, exec, attach, portforward — served by the pod's node:
/// finds the kubelet (pod, container and node checks as upstream's pod strategy), then streams,
/// relays or translates the request to it.
/// </summary>
internal sealed class PodStreamingHandler(
    IStore store, ResourceRegistry registry, LogProxy logs, UpgradeProxy upgrades, RemoteCommandTranslator translator, PortForwardTunnel tunnel, KubeletTls tls)
{
    public Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        var method = context.Request.Method;
        return (request.Subresource, method) switch
        {
            ("log", "GET") => LogAsync(context, request),
            ("exec" or "attach", "GET" or "POST") => RemoteCommandAsync(context, request, exec: request.Subresource == "exec"),
            ("portforward", "GET" or "POST") => PortForwardAsync(context, request),
            _ => throw ApiErrors.MethodNotAllowed(),
        };
    }

    private async Task LogAsync(HttpContext context, ResourceRequest request)
    {
        var options = PodLogOptions.FromQuery(context.Request.Query);
        options.Validate(request.Resource, request.Name!);
        var pod = await ReadAsync(request.Resource, request.Namespace, request.Name!, context.RequestAborted);
        var container = PodStreamTarget.Container(pod, options.Container);
        if (PodStreamTarget.NodeName(pod) is not { } nodeName)
        {
            // Not scheduled yet: upstream streams nothing, successfully.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain";
            return;
        }

        var kubelet = await KubeletOfAsync(nodeName, context.RequestAborted);
        await logs.StreamAsync(context, kubelet, $"/containerLogs/{request.Namespace}/{request.Name}/{container}{options.KubeletQuery()}", request.Name!);
    }

    private async Task RemoteCommandAsync(HttpContext context, ResourceRequest request, bool exec)
    {
        var options = RemoteCommandOptions.FromQuery(context.Request.Query, exec);
        var pod = await ReadAsync(request.Resource, request.Namespace, request.Name!, context.RequestAborted);
        var container = PodStreamTarget.Container(pod, options.Container);
        var kubelet = await KubeletOfAsync(PodStreamTarget.RequireNodeName(pod), context.RequestAborted);
        var path = $"/{request.Subresource}/{request.Namespace}/{request.Name}/{container}{options.KubeletQuery()}";
        if (RemoteCommandTranslator.Applies(context))
        {
            await translator.TranslateAsync(context, kubelet, path, options);
        }
        else
        {
            await upgrades.ProxyAsync(context, kubelet, path);
        }
    }

    private async Task PortForwardAsync(HttpContext context, ResourceRequest request)
    {
        var options = PortForwardOptions.FromQuery(context.Request.Query);
        var pod = await ReadAsync(request.Resource, request.Namespace, request.Name!, context.RequestAborted);
        var kubelet = await KubeletOfAsync(PodStreamTarget.RequireNodeName(pod), context.RequestAborted);
        var path = $"/portForward/{request.Namespace}/{request.Name}{options.KubeletQuery()}";
        if (PortForwardTunnel.Applies(context))
        {
            await tunnel.TunnelAsync(context, kubelet, path);
        }
        else
        {
            await upgrades.ProxyAsync(context, kubelet, path);
        }
    }

    private async Task<KubeletEndpoint> KubeletOfAsync(string nodeName, CancellationToken cancellationToken)
    {
        var nodes = registry.Find("", "v1", "nodes")!;
        return PodStreamTarget.Kubelet(await ReadAsync(nodes, null, nodeName, cancellationToken)) with { Tls = tls.IfEnabled };
    }

    private async Task<JsonObject> ReadAsync(ResourceDefinition resource, string? ns, string name, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(ObjectKeys.Item(resource, ns, name), cancellationToken) ?? throw ApiErrors.NotFound(resource, name);
        return StoredObject.Decode(stored);
    }
}
