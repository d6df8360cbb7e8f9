namespace Orchestrator.ApiServer.Authorization;

/// <summary>
/// Upstream's WithAuthorization filter: every request of a secured server is asked of the
/// <see cref="AuthorizerChain"/> as the user authentication found; anything but Allow is a 403
/// (<see cref="ForbiddenError"/>), thrown for the error middleware to answer with a Status.
/// </summary>
internal sealed class AuthorizationMiddleware(RequestDelegate next, AuthorizerChain authorizers)
{
    public Task InvokeAsync(HttpContext context)
    {
        var attributes = RequestAttributes.From(context, RequestUser.Get(context));
        var (decision, reason) = authorizers.Authorize(attributes);
        return decision == AuthorizationDecision.Allow ? next(context) : throw ForbiddenError.For(attributes, reason);
    }
}
