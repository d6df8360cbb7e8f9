namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// The user a request acts as, kept on its <see cref="HttpContext"/>: authentication sets it (and
/// impersonation replaces it); authorization, admission, field managers and audit read it. A server
/// without authentication (see <see cref="UserInfo.Unsecured"/>) never sets it.
/// </summary>
public static class RequestUser
{
    private static readonly object Key = new();
    private static readonly object AuthenticatedKey = new();

    /// <summary>The request's user; <see cref="UserInfo.Unsecured"/> when authentication did not run.</summary>
    public static UserInfo Get(HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) && value is UserInfo user ? user : UserInfo.Unsecured;

    /// <summary>The request's user, or null when no authentication ran (or it failed).</summary>
    public static UserInfo? TryGet(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as UserInfo : null;

    /// <summary>
    /// The user authentication found, before any impersonation (audit records both); null when no
    /// authentication ran.
    /// </summary>
    public static UserInfo? Authenticated(HttpContext context) =>
        context.Items.TryGetValue(AuthenticatedKey, out var value) ? value as UserInfo : TryGet(context);

    /// <summary>Sets the user; the first user set is remembered as the authenticated one (<see cref="Authenticated"/>).</summary>
    public static void Set(HttpContext context, UserInfo user)
    {
        if (TryGet(context) is { } first && !context.Items.ContainsKey(AuthenticatedKey))
        {
            context.Items[AuthenticatedKey] = first;
        }

        context.Items[Key] = user;
    }
}
