namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Authenticates every request on the TLS listener and records its user (<see cref="RequestUser"/>);
/// a refused credential is 401 with upstream's Status body, the reason only logged (upstream does
/// not tell the client why). The plain-HTTP <c>--insecure-port</c> listener is not authenticated:
/// its requests keep <see cref="UserInfo.Unsecured"/>.
/// </summary>
internal sealed partial class AuthenticationMiddleware(RequestDelegate next, RequestAuthenticator authenticator, ILogger<AuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            var outcome = await authenticator.AuthenticateAsync(context);
            if (outcome.User is not { } user)
            {
                LogRefused(logger, context.Request.Method, context.Request.Path, outcome.Error ?? "");
                throw Unauthorized();
            }

            RequestUser.Set(context, user);

            // As upstream: the credential is not passed on to anything the request reaches.
            context.Request.Headers.Authorization = default;
        }

        await next(context);
    }

    /// <summary>Upstream's 401: message and reason "Unauthorized", no details.</summary>
    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    [LoggerMessage(Level = LogLevel.Information, Message = "Unable to authenticate {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);
}
