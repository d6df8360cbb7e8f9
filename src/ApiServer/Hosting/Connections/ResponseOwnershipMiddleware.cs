namespace Orchestrator.ApiServer.Hosting.Connections;

/// <summary>
/// First in the pipeline: marks the connection's output as the app's from the moment a request
/// arrives until its response is written out (OnCompleted runs after Kestrel flushed the last byte
/// and before it reads the next request). Upgraded streams (exec, port-forward, watch) stay the
/// app's for their whole life, so their bytes are never inspected.
/// </summary>
internal sealed class ResponseOwnershipMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<ResponseOwnership>() is { } ownership)
        {
            ownership.AppOwnsOutput = true;
            context.Response.OnCompleted(static state =>
            {
                ((ResponseOwnership)state).AppOwnsOutput = false;
                return Task.CompletedTask;
            }, ownership);
        }

        return next(context);
    }
}
