namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>Where a CertificateSigningRequest stands, read from its conditions and certificate.</summary>
internal static class CsrState
{
    public static bool Has(V1CertificateSigningRequest csr, string type) =>
        csr.Status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true;

    public static bool IsApproved(V1CertificateSigningRequest csr) => Has(csr, "Approved");

    public static bool IsDenied(V1CertificateSigningRequest csr) => Has(csr, "Denied");

    public static bool IsFailed(V1CertificateSigningRequest csr) => Has(csr, "Failed");

    public static bool IsIssued(V1CertificateSigningRequest csr) => csr.Status?.Certificate is { Length: > 0 };
}
