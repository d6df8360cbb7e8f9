using static Orchestrator.ApiMachinery.Bootstrap.BootstrapTokenSecrets;

namespace Orchestrator.ApiMachinery.Bootstrap;

/// <summary>
/// A bootstrap token as its <c>bootstrap-token-&lt;id&gt;</c> Secret in kube-system holds it (kubeadm's
/// BootstrapToken ↔ Secret encoding): the token, an optional RFC 3339 expiration, the usages set to
/// "true", the extra groups and a description.
/// </summary>
public sealed record BootstrapTokenSecret(
    BootstrapToken Token,
    DateTimeOffset? Expires,
    IReadOnlyList<string> Usages,
    IReadOnlyList<string> ExtraGroups,
    string Description)
{
    /// <summary>The usages kubeadm gives a node-join token.</summary>
    public static readonly IReadOnlyList<string> DefaultUsages = ["authentication", "signing"];

    public bool IsExpired(DateTimeOffset now) => Expires is { } expires && expires <= now;

    public bool HasUsage(string usage) => Usages.Contains(usage, StringComparer.Ordinal);

    /// <summary>The Secret that holds this token.</summary>
    public V1Secret ToSecret()
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [TokenId] = Bytes(Token.Id),
            [TokenSecret] = Bytes(Token.Secret),
        };
        if (Expires is { } expires)
        {
            data[Expiration] = Bytes(expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        foreach (var usage in Usages)
        {
            data["usage-bootstrap-" + usage] = Bytes("true");
        }

        if (ExtraGroups.Count > 0)
        {
            data[BootstrapTokenSecrets.ExtraGroups] = Bytes(string.Join(',', ExtraGroups));
        }

        if (Description.Length > 0)
        {
            data[BootstrapTokenSecrets.Description] = Bytes(Description);
        }

        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = SecretName(Token.Id), NamespaceProperty = Namespace },
            Type = SecretType,
            Data = data,
        };
    }

    /// <summary>
    /// Reads a token Secret; null when it is not one (wrong type or name, malformed id or secret, an
    /// expiration that does not parse), as upstream's helpers skip such Secrets.
    /// </summary>
    public static BootstrapTokenSecret? FromSecret(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Type != SecretType || secret.Data is not { } data)
        {
            return null;
        }

        var id = Text(data, TokenId);
        if (!BootstrapToken.TryParse(id + "." + Text(data, TokenSecret), out var token) || secret.Metadata?.Name != SecretName(token.Id))
        {
            return null;
        }

        DateTimeOffset? expires = null;
        if (Text(data, Expiration) is { Length: > 0 } expiration)
        {
            if (!DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return null;
            }

            expires = parsed;
        }

        var usages = data.Where(kv => kv.Key.StartsWith("usage-bootstrap-", StringComparison.Ordinal) && Encoding.UTF8.GetString(kv.Value) == "true")
            .Select(kv => kv.Key["usage-bootstrap-".Length..]).Order(StringComparer.Ordinal).ToArray();
        var groups = (Text(data, BootstrapTokenSecrets.ExtraGroups) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new BootstrapTokenSecret(token, expires, usages, groups, Text(data, BootstrapTokenSecrets.Description) ?? "");
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(IDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out var value) && value is not null ? Encoding.UTF8.GetString(value) : null;
}
