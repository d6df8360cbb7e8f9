namespace Orchestrator.ApiServer.Hosting;

/// <summary>
/// Makes routing see the path as sent (<see cref="RawPath"/>), not Kestrel's normalized one. Runs
/// before routing; the resource and namespace checks on "." and ".." happen where the segments are
/// given their meaning (<see cref="Handlers.ResourceRequest"/>).
/// </summary>
internal sealed class RawPathMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } target && RawPath.PathOf(target) is { } path)
        {
            context.Request.Path = new PathString(RawPath.ToRoutingPath(RawPath.Segments(path)));
        }

        return next(context);
    }
}
