namespace Orchestrator.ApiServer.Hosting;

/// <summary>
/// Turns <see cref="ApiException"/> into its Status response, and Kestrel's
/// <see cref="BadHttpRequestException"/> (a body cut short, too slow, too large) into a 4xx Status
/// with its code; anything else into a 500 Status, logged. A client that went away gets nothing and
/// logs nothing.
/// </summary>
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
        catch (BadHttpRequestException e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            await Responses.WriteErrorAsync(context, new ApiException(e.StatusCode, StatusReasons.ForCode(e.StatusCode), e.Message));
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (reset, abort, cancelled read or write): there is no one to answer.
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
