using Orchestrator.ApiMachinery.Bootstrap;

namespace Orchestrator.ApiServer.Authentication.BootstrapTokens;

/// <summary>
/// Bootstrap tokens (upstream's <c>plugin/pkg/auth/authenticator/token/bootstrap</c>): <c>id.secret</c>
/// names the Secret <c>kube-system/bootstrap-token-&lt;id&gt;</c> of type
/// <c>bootstrap.kubernetes.io/token</c>; its secret is compared in constant time, it must not be
/// expired or deleted and must allow authentication. As upstream, every refusal is "not mine" (the
/// request then fails as an invalid bearer token) so the reason never reaches the client.
/// Bootstrap tokens carry no audience: as upstream's audience-agnostic wrapper, one is valid for
/// the asked audiences that are among the API audiences (<paramref name="implicitAudiences"/>).
/// </summary>
internal sealed class BootstrapTokenAuthenticator(CredentialObjects objects, TimeProvider time, IReadOnlyList<string> implicitAudiences) : ITokenAuthenticator
{
    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        var granted = implicitAudiences.Intersect(audiences, StringComparer.Ordinal).ToArray();
        if (granted.Length == 0
            || !BootstrapToken.TryParse(token, out var parsed)
            || await objects.SecretAsync(BootstrapTokenSecrets.Namespace, BootstrapTokenSecrets.SecretName(parsed.Id), cancellationToken) is not { } stored
            || CredentialObjects.DeletionTimestampOf(stored) is not null
            || stored["type"]?.GetValue<string>() != BootstrapTokenSecrets.SecretType
            || stored["data"] is not JsonObject data)
        {
            return AuthenticationOutcome.NotMine;
        }

        if (!CryptographicOperations.FixedTimeEquals(Data(data, BootstrapTokenSecrets.TokenSecret), Encoding.UTF8.GetBytes(parsed.Secret))
            || Text(data, BootstrapTokenSecrets.TokenId) != parsed.Id
            || Expired(data, time.GetUtcNow())
            || Text(data, BootstrapTokenSecrets.UsageAuthentication) != "true"
            || GroupsOf(data) is not { } groups)
        {
            return AuthenticationOutcome.NotMine;
        }

        return AuthenticationOutcome.Success(UserInfo.Of(BootstrapTokenSecrets.UserPrefix + parsed.Id, groups), granted);
    }

    /// <summary>system:bootstrappers and the valid auth-extra-groups, sorted and without repeats as upstream's set; null when one is invalid.</summary>
    public static string[]? GroupsOf(JsonObject data)
    {
        var groups = new SortedSet<string>(StringComparer.Ordinal) { UserInfo.BootstrappersGroup };
        foreach (var group in (Text(data, BootstrapTokenSecrets.ExtraGroups) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!BootstrapToken.IsValidExtraGroup(group))
            {
                return null;
            }

            groups.Add(group);
        }

        return [.. groups];
    }

    /// <summary>An <c>expiration</c> in the past, or one that does not parse (upstream treats it as expired).</summary>
    private static bool Expired(JsonObject data, DateTimeOffset now) =>
        Text(data, BootstrapTokenSecrets.Expiration) is { } expiration
        && (!DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when) || when < now);

    private static string? Text(JsonObject data, string key) => data.ContainsKey(key) ? Encoding.UTF8.GetString(Data(data, key)) : null;

    private static byte[] Data(JsonObject data, string key)
    {
        try
        {
            return data[key]?.GetValue<string>() is { } base64 ? Convert.FromBase64String(base64) : [];
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
