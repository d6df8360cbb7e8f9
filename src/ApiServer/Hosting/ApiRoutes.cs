using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Orchestrator.ApiServer.Discovery;
using Orchestrator.ApiServer.OpenApi;
using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Hosting;

/// <summary>
/// The URL space: version and health, discovery, and every resource path. Every handler is a plain
/// <see cref="RequestDelegate"/> reading its route values itself: a handler with other parameters or another return
/// type would go through minimal APIs' RequestDelegateFactory, which compiles an expression tree per endpoint at
/// start-up and loads System.Linq.Expressions and the form-binding converters (~500 types) for good.
/// </summary>
internal static class ApiRoutes
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static void MapApiRoutes(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<ResourceRegistry>();
        var discovery = new DiscoveryDocuments(registry, app.Services.GetService<IDiscoveryGroupSource>());

        app.MapGet("/version", c => Responses.WriteJsonAsync(c, 200, VersionInfo.Document()));
        foreach (var health in new[] { "/healthz", "/livez", "/readyz" })
        {
            app.MapGet(health, c => Results.Text("ok", "text/plain").ExecuteAsync(c));
        }

        app.MapGet("/api", c => DiscoveryAsync(c, discovery, core: true));
        app.MapGet("/apis", c => DiscoveryAsync(c, discovery, core: false));
        app.MapGet("/api/v1", c => Negotiated(c, () => discovery.ResourceList("", "v1")));
        app.MapGet("/apis/{group}", c => Route(c, "group") is { Length: > 0 } group && discovery.HasGroup(group)
            ? Negotiated(c, () => discovery.ApiGroup(group))
            : throw ApiErrors.ResourceNotFound());
        app.MapGet("/apis/{group}/{version}", c => Route(c, "group") is var group && Route(c, "version") is var version && discovery.HasGroupVersion(group, version)
            ? Negotiated(c, () => discovery.ResourceList(group, version))
            : throw ApiErrors.ResourceNotFound());

        app.MapMethods("/api/v1/{**path}", Methods, c => ResourceAsync(c, "", "v1", c.GetRouteValue("path") as string));
        app.MapMethods("/apis/{group}/{version}/{**path}", Methods, c => ResourceAsync(c, Route(c, "group"), Route(c, "version"), c.GetRouteValue("path") as string));
        app.MapOpenApi(registry);
        app.MapFallback(_ => throw ApiErrors.ResourceNotFound());
    }

    /// <summary>A route value the pattern always has.</summary>
    internal static string Route(HttpContext context, string name) => context.GetRouteValue(name) as string ?? "";

    private static Task Negotiated(HttpContext context, Func<System.Text.Json.Nodes.JsonNode> body)
    {
        AcceptNegotiation.Require(context.Request.Headers.Accept.ToString());
        return Responses.WriteJsonAsync(context, 200, body());
    }

    private static Task DiscoveryAsync(HttpContext context, DiscoveryDocuments discovery, bool core)
    {
        AcceptNegotiation.Require(context.Request.Headers.Accept.ToString());
        var format = DiscoveryNegotiation.Choose(context.Request.Headers.Accept.ToString());
        var body = format == DiscoveryFormat.Legacy
            ? core ? discovery.ApiVersions(context.Request.Host.Value ?? "") : discovery.ApiGroupList()
            : discovery.Aggregated(core, format);
        return Responses.WriteJsonAsync(context, 200, body, DiscoveryNegotiation.ContentType(format));
    }

    private static Task ResourceAsync(HttpContext context, string group, string version, string? path)
    {
        var handler = context.RequestServices.GetRequiredService<ResourceHandler>();
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(RawPath.Unescape).ToArray();
        var request = (ResourceRequest.Parse(handler.Registry, group, version, segments) ?? throw ApiErrors.ResourceNotFound()) with { User = RequestUser.Get(context) };

        // {nodes,pods,services}/{id}/proxy/{path}: the backend's answer whatever its media type (no Accept negotiation), as upstream's proxy.
        if (request.Subresource == "proxy" && request.Resource.Kind is "Node" or "Pod" or "Service")
        {
            return context.RequestServices.GetRequiredService<ProxyHandler>().HandleAsync(context, request);
        }

        if (HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            // Only the proxy subresources accept HEAD and OPTIONS; elsewhere they stay unrouted.
            throw ApiErrors.ResourceNotFound();
        }

        // Upgrades (exec, attach, port-forward) answer with a stream, not a serialized object.
        if (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest != true && !context.WebSockets.IsWebSocketRequest)
        {
            var watch = request.Name is null && HttpMethods.IsGet(context.Request.Method) && QueryValues.Bool(context.Request.Query["watch"]) == true;
            AcceptNegotiation.Require(context.Request.Headers.Accept.ToString(), watch);
        }

        // Connect subresources (log, exec, attach, portforward) are proxied to the node, not served from the store.
        if (request.Subresource is { } name && request.Resource.Subresources.Any(s => s.Name == name && s.Connect))
        {
            return context.RequestServices.GetRequiredService<PodStreamingHandler>().HandleAsync(context, request);
        }

        return handler.HandleAsync(context, request);
    }
}
