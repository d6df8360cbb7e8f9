using Microsoft.Extensions.Hosting;

namespace Orchestrator.Kubelet.Server;

/// <summary>
/// Turns a <see cref="StreamingRuntimeException"/> into its status and a plain-text message (as
/// upstream's kubelet answers), and anything unexpected into a logged 500. Once a response has
/// started (a log being streamed, a relayed upgrade) the connection is just ended.
/// </summary>
internal sealed partial class StreamingErrorMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime, ILogger<StreamingErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The client went away, or the server is stopping.
        }
        catch (StreamingRuntimeException e)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, (int)e.StatusCode, e.Message);
            await WriteAsync(context, (int)e.StatusCode, e.Message);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, e.Message);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: {Status} {Message}")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, int status, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
