namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>Upstream's service-account user names and groups (<c>k8s.io/apiserver/pkg/authentication/serviceaccount</c>).</summary>
internal static class ServiceAccountUsers
{
    public const string Prefix = "system:serviceaccount:";

    /// <summary>Extra keys a service-account user carries.</summary>
    public const string PodNameKey = "authentication.kubernetes.io/pod-name";
    public const string PodUidKey = "authentication.kubernetes.io/pod-uid";
    public const string NodeNameKey = "authentication.kubernetes.io/node-name";
    public const string NodeUidKey = "authentication.kubernetes.io/node-uid";
    public const string CredentialIdKey = "authentication.kubernetes.io/credential-id";

    public static string UserName(string ns, string name) => Prefix + ns + ":" + name;

    /// <summary>The groups of every service account of <paramref name="ns"/>.</summary>
    public static string[] Groups(string ns) => [UserInfo.ServiceAccountsGroup, UserInfo.ServiceAccountsGroup + ":" + ns];

    /// <summary>The namespace and name of a <c>system:serviceaccount:ns:name</c> user; null for any other user name.</summary>
    public static (string Namespace, string Name)? Split(string userName)
    {
        if (!userName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = userName[Prefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }
}
