using System.Text.RegularExpressions;

namespace Orchestrator.ApiServer.Authentication.BootstrapTokens;

/// <summary>Upstream's bootstrap-token constants and parsing (<c>k8s.io/cluster-bootstrap/token</c>).</summary>
internal static partial class BootstrapToken
{
    public const string SecretPrefix = "bootstrap-token-";
    public const string SecretType = "bootstrap.kubernetes.io/token";
    public const string UserPrefix = "system:bootstrap:";
    public const string IdKey = "token-id";
    public const string SecretKey = "token-secret";
    public const string ExpirationKey = "expiration";
    public const string UsageAuthenticationKey = "usage-bootstrap-authentication";
    public const string ExtraGroupsKey = "auth-extra-groups";

    /// <summary>The id and secret of an <c>[a-z0-9]{6}.[a-z0-9]{16}</c> token; null for anything else.</summary>
    public static (string Id, string Secret)? Parse(string token)
    {
        var match = TokenPattern().Match(token);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : null;
    }

    /// <summary>Whether <paramref name="group"/> may be granted through auth-extra-groups.</summary>
    public static bool IsValidExtraGroup(string group) => ExtraGroupPattern().IsMatch(group);

    [GeneratedRegex(@"\A([a-z0-9]{6})\.([a-z0-9]{16})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExtraGroupPattern();
}
