using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Handlers;

namespace Orchestrator.ApiServer.Hosting;

/// <summary>Turns <see cref="ApiException"/> into its Status response; anything else into a 500 Status, logged.</summary>
internal sealed partial class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await Responses.WriteErrorAsync(context, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, e);
            await Responses.WriteErrorAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {e.Message}"));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
