using System.Runtime.CompilerServices;

namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Client certificates (upstream's x509 request authenticator with CommonNameUserConversion): the
/// certificate must chain to the cluster CA, be valid now and allow client authentication; the
/// subject's CN is the user and each O a group (plus system:authenticated). A certificate without a CN is "not mine". Chain
/// results are cached per certificate (SHA-256 of its DER) for <see cref="ChainCacheTtl"/>, so a
/// client that keeps presenting its certificate pays one chain build per minute; and per
/// certificate object, which Kestrel keeps for the connection's life, so a request on an open
/// connection costs one table look-up instead of hashing the certificate.
/// </summary>
internal sealed class ClientCertificateAuthenticator(X509Certificate2 authority, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan ChainCacheTtl = TimeSpan.FromMinutes(1);

    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";
    private const int Capacity = 4096;

    private readonly X509Certificate2 _authority = X509CertificateLoader.LoadCertificate(authority.RawData);
    private readonly ConcurrentDictionary<string, CachedOutcome> _cache = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<X509Certificate2, CachedOutcome> _byObject = [];

    public AuthenticationOutcome Authenticate(X509Certificate2 certificate)
    {
        var now = time.GetUtcNow();
        if (_byObject.TryGetValue(certificate, out var held) && held.Expires > now)
        {
            return held.Outcome;
        }

        var key = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (!_cache.TryGetValue(key, out var entry) || entry.Expires <= now)
        {
            // Never past the certificate's own end, so an expired certificate is refused on time.
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
            entry = new CachedOutcome(Verify(certificate, now), notAfter < now + ChainCacheTtl ? notAfter : now + ChainCacheTtl);
            if (_cache.Count >= Capacity)
            {
                _cache.Clear();
            }

            _cache[key] = entry;
        }

        _byObject.AddOrUpdate(certificate, entry);
        return entry.Outcome;
    }

    public void Dispose() => _authority.Dispose();

    /// <summary>The user a certificate names: CN and O entries of its subject, in order; null without a CN.</summary>
    public static UserInfo? UserOf(X509Certificate2 certificate)
    {
        string? name = null;
        var groups = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var value = rdn.GetSingleElementValue();
            switch (rdn.GetSingleElementType().Value)
            {
                case CommonNameOid when value is { Length: > 0 }:
                    name = value;
                    break;
                case OrganizationOid when value is not null:
                    groups.Add(value);
                    break;
            }
        }

        return name is null ? null : UserInfo.Of(name, [.. groups]);
    }

    private sealed record CachedOutcome(AuthenticationOutcome Outcome, DateTimeOffset Expires);

    private AuthenticationOutcome Verify(X509Certificate2 certificate, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthentication));
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var reasons = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
            return AuthenticationOutcome.Failure($"verifying certificate SN={certificate.SerialNumber}, Subject={certificate.Subject} failed: {reasons}");
        }

        return UserOf(certificate) is { } user ? AuthenticatedGroupAdder.Add(AuthenticationOutcome.Success(user)) : AuthenticationOutcome.NotMine;
    }
}
