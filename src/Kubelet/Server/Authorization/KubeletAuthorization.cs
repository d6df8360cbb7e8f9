namespace Orchestrator.Kubelet.Server.Authorization;

/// <summary>
/// Authorizes every authenticated request (after <see cref="ClientCertificateCheck"/>) as upstream's kubelet
/// InstallAuthFilter: the attributes of <see cref="KubeletRequestAttributes"/>, asked in order until one is
/// allowed; a denial is a plain-text 403 "Forbidden (user=…, verb=…, resource=nodes, subresource=…)", a failed
/// review a 500 "Authorization error (…)".
/// </summary>
internal sealed partial class KubeletAuthorization(RequestDelegate next, IKubeletAuthorizer authorizer, ILogger<KubeletAuthorization> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate
            ?? throw new InvalidOperationException("authorization runs after the client certificate check");
        var user = KubeletUser.FromCertificate(certificate);
        var attributes = KubeletRequestAttributes.For(context.Request.Method, context.Request.Path.Value ?? "/");
        var subresource = attributes.Subresources[0];
        try
        {
            foreach (var candidate in attributes.Subresources)
            {
                subresource = candidate;
                if (await authorizer.AllowsAsync(user, attributes.Verb, candidate, context.RequestAborted))
                {
                    await next(context);
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            LogAuthorizationError(e, user.Name, attributes.Verb, subresource);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "Authorization error", user, attributes.Verb, subresource);
            return;
        }

        await WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", user, attributes.Verb, subresource);
    }

    private static async Task WriteAsync(HttpContext context, int status, string what, KubeletUser user, string verb, string subresource)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"{what} (user={user.Name}, verb={verb}, resource=nodes, subresource={subresource})", context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authorization error (user={User}, verb={Verb}, resource=nodes, subresource={Subresource})")]
    private partial void LogAuthorizationError(Exception e, string user, string verb, string subresource);
}
