using Microsoft.AspNetCore.Http;

namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// The user a request acts as, kept on its <see cref="HttpContext"/>: authentication sets it (and
/// impersonation replaces it); authorization, admission, field managers and audit read it. A server
/// without authentication (see <see cref="UserInfo.Unsecured"/>) never sets it.
/// </summary>
public static class RequestUser
{
    private static readonly object Key = new();

    /// <summary>The request's user; <see cref="UserInfo.Unsecured"/> when authentication did not run.</summary>
    public static UserInfo Get(HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) && value is UserInfo user ? user : UserInfo.Unsecured;

    public static void Set(HttpContext context, UserInfo user) => context.Items[Key] = user;
}
