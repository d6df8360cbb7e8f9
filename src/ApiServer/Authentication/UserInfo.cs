namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Who made a request, as authentication found it (upstream's <c>user.Info</c>): the name, a uid
/// (may be empty), the groups and the extra attributes (service-account pod bindings, scopes).
/// </summary>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string AllAuthenticated = "system:authenticated";
    public const string AllUnauthenticated = "system:unauthenticated";
    public const string Anonymous = "system:anonymous";
    public const string SystemPrivilegedGroup = "system:masters";
    public const string NodesGroup = "system:nodes";
    public const string BootstrappersGroup = "system:bootstrappers";
    public const string ServiceAccountsGroup = "system:serviceaccounts";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// The user of a server without authentication (plain HTTP, in-process test servers and the
    /// <c>--insecure-port</c> listener): upstream's insecure port served everything as this user.
    /// </summary>
    public static UserInfo Unsecured { get; } = new("system:unsecured", "", [SystemPrivilegedGroup, AllAuthenticated], NoExtra);

    /// <summary>A request without credentials, when anonymous requests are allowed.</summary>
    public static UserInfo AnonymousUser { get; } = new(Anonymous, "", [AllUnauthenticated], NoExtra);

    /// <summary>A user with the given name and groups and no uid or extra.</summary>
    public static UserInfo Of(string name, params string[] groups) => new(name, "", groups, NoExtra);
}
