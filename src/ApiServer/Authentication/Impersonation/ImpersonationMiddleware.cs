namespace Orchestrator.ApiServer.Authentication.Impersonation;

/// <summary>
/// Upstream's impersonation filter, right after authentication: each <c>Impersonate-*</c> header is
/// authorized for the authenticated user as verb <c>impersonate</c> (<see cref="ImpersonationHeaders"/>);
/// the first one not allowed is 403 with upstream's message (<see cref="ForbiddenError"/>, as authorization words it); when all are, the request acts as the
/// impersonated user and the headers are removed.
/// </summary>
internal sealed partial class ImpersonationMiddleware(RequestDelegate next, AuthorizerChain authorizer, ILogger<ImpersonationMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (ImpersonationHeaders.Present(context.Request.Headers))
        {
            Impersonate(context, authorizer);
            LogActingAs(logger, RequestUser.Get(context).Name, context.Request.Method, context.Request.Path);
        }

        return next(context);
    }

    /// <summary>Authorizes and applies the request's impersonation headers (403 on the first denied target).</summary>
    public static void Impersonate(HttpContext context, IAuthorizer authorizer)
    {
        var requestor = RequestUser.Get(context);
        var targets = ImpersonationHeaders.Parse(context.Request.Headers);
        foreach (var target in targets)
        {
            var attributes = new AuthorizationAttributes
            {
                User = requestor,
                Verb = "impersonate",
                IsResourceRequest = true,
                ApiGroup = target.Group,
                Resource = target.Resource,
                Subresource = target.Subresource,
                Namespace = target.Namespace,
                Name = target.Name,
            };
            var (decision, reason) = authorizer.Authorize(attributes);
            if (decision != AuthorizationDecision.Allow)
            {
                throw ForbiddenError.For(attributes, reason);
            }
        }

        RequestUser.Set(context, ImpersonationHeaders.UserOf(targets));
        var headers = context.Request.Headers;
        foreach (var header in headers.Keys.Where(k => k.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            headers.Remove(header);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Acting as {User} for {Method} {Path}")]
    private static partial void LogActingAs(ILogger logger, string user, string method, string path);
}
