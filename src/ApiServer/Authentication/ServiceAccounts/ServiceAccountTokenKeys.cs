namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>The service-account signing key with what is derived from it once: the JWS algorithm and key id, and the issuer and API audiences.</summary>
internal sealed class ServiceAccountTokenKeys
{
    public ServiceAccountTokenKeys(AsymmetricAlgorithm key, string issuer, IReadOnlyList<string>? apiAudiences)
    {
        Key = key;
        Algorithm = JsonWebSignature.AlgorithmOf(key);
        KeyId = JsonWebSignature.KeyIdOf(key);
        Issuer = issuer;
        ApiAudiences = apiAudiences is { Count: > 0 } ? apiAudiences : [issuer];
    }

    public AsymmetricAlgorithm Key { get; }

    public string Algorithm { get; }

    public string KeyId { get; }

    public string Issuer { get; }

    /// <summary>Upstream --api-audiences: what requests' tokens must be valid for, and what TokenRequest issues by default (the issuer when unset).</summary>
    public IReadOnlyList<string> ApiAudiences { get; }

    public string Sign(ServiceAccountClaims claims) => JsonWebSignature.Sign(claims.ToJson(), Key, KeyId);
}
