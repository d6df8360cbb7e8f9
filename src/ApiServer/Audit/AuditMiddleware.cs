namespace Orchestrator.ApiServer.Audit;

/// <summary>
/// Writes one audit event per request once it completes (upstream's WithAudit at the Metadata level,
/// ResponseComplete stage), also for requests refused by authentication (401), impersonation or
/// authorization (403) and for errors: it runs just inside the error middleware, so it sees the
/// exception and the code the error middleware will answer with.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog log, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var received = time.GetUtcNow();
        var code = 0;
        try
        {
            await next(context);
            code = context.Response.StatusCode;
        }
        catch (ApiException e)
        {
            code = e.Code;
            throw;
        }
        catch (BadHttpRequestException e)
        {
            code = e.StatusCode;
            throw;
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            code = 500;
            throw;
        }
        finally
        {
            if (code != 0)
            {
                Record(context, code, received);
            }
        }
    }

    private void Record(HttpContext context, int code, DateTimeOffset received)
    {
        var user = RequestUser.TryGet(context) ?? UserInfo.Of("");
        var authenticated = RequestUser.Authenticated(context) ?? user;
        var attributes = RequestAttributes.From(context, user);
        var request = context.Request;
        var uri = request.Path.Value + request.QueryString.Value;
        var source = context.Connection.RemoteIpAddress?.ToString();
        log.Write(AuditEvent.Create(
            Guid.NewGuid().ToString(),
            attributes,
            authenticated,
            uri,
            source is null ? [] : [source],
            request.Headers.UserAgent.ToString(),
            code,
            received,
            time.GetUtcNow()));
    }
}
