namespace Orchestrator.ApiMachinery.Certificates;

/// <summary>Whether a certificate chains to one given root, trusting nothing from the machine's store.</summary>
public static class CertificateChains
{
    /// <summary>
    /// True when <paramref name="certificate"/> is valid at <paramref name="at"/> and chains to
    /// <paramref name="root"/> (through <paramref name="intermediates"/>, if any) with no other
    /// trust anchor. Revocation is not checked: cluster CAs publish no CRL, as kubeadm's do not.
    /// </summary>
    public static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 root, DateTimeOffset at, X509Certificate2Collection? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        return IssuedByAny(certificate, [root], at, intermediates);
    }

    /// <summary>As <see cref="IssuedBy"/>, with any of <paramref name="roots"/> as the trust anchor (a kubeconfig's CA bundle).</summary>
    public static bool IssuedByAny(X509Certificate2 certificate, X509Certificate2Collection roots, DateTimeOffset at, X509Certificate2Collection? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(roots);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (intermediates is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        return chain.Build(certificate);
    }
}
