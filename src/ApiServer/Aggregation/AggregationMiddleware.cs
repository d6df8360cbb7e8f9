using Orchestrator.ApiServer.Aggregation.Discovery;

namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// The aggregator's place in the request path: after authentication and authorization (a request is authorized
/// here before it is forwarded, as upstream), before routing. <c>/apis/&lt;group&gt;/&lt;version&gt;</c> and everything
/// below it, for a group/version whose APIService has a service, goes to <see cref="AggregatedProxy"/>;
/// <c>/apis/&lt;group&gt;</c> of a group only APIServices serve is answered with its APIGroup. Everything else, local
/// APIServices included, goes on to this server's own routes.
/// </summary>
internal sealed class AggregationMiddleware(RequestDelegate next, ApiServiceIndex index, ResourceRegistry registry, AggregatedDiscovery discovery, AggregatedProxy proxy)
{
    public Task InvokeAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["apis", var group, ..] || registry.Groups.Contains(group))
        {
            return next(context);
        }

        if (segments.Length == 2 && HttpMethods.IsGet(context.Request.Method) && discovery.ApiGroup(group) is { } document)
        {
            AcceptNegotiation.Require(context.Request.Headers.Accept.ToString());
            return Responses.WriteJsonAsync(context, StatusCodes.Status200OK, document);
        }

        return segments.Length >= 3 && index.Find(group, segments[2]) is { IsLocal: false } apiService
            ? proxy.ProxyAsync(context, apiService)
            : next(context);
    }
}
