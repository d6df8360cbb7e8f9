using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>
/// Upstream's csrsigning controller (pkg/controller/certificates/signer/signer.go) as a pure decision:
/// an approved, not yet issued, not failed request for kubernetes.io/kube-apiserver-client-kubelet or
/// kubernetes.io/kube-apiserver-client is issued from the cluster CA for
/// min(spec.expirationSeconds, --cluster-signing-duration); a request the signer's rules refuse gets a
/// Failed condition (reason SignerValidationFailure) instead.
/// </summary>
internal static class CsrSigningPlanner
{
    private static readonly Dictionary<string, string> ExtendedUsages = new(StringComparer.Ordinal)
    {
        ["client auth"] = "1.3.6.1.5.5.7.3.2",
        ["server auth"] = "1.3.6.1.5.5.7.3.1",
    };

    private static readonly HashSet<string> ClientUsages = new(StringComparer.Ordinal) { "digital signature", "key encipherment", "client auth" };

    public static SigningPlan Plan(V1CertificateSigningRequest csr, TimeSpan maxDuration)
    {
        var signer = csr.Spec?.SignerName;
        if (signer is not (SignerNames.KubeletClient or SignerNames.ApiServerClient)
            || !CsrState.IsApproved(csr) || CsrState.IsDenied(csr) || CsrState.IsFailed(csr) || CsrState.IsIssued(csr))
        {
            return SigningPlan.Skip;
        }

        System.Security.Cryptography.X509Certificates.CertificateRequest request;
        try
        {
            request = SigningRequests.Parse(csr.Spec!.Request ?? []);
        }
        catch (FormatException e)
        {
            return new SigningPlan.Fail("SignerValidationFailure", e.Message);
        }

        var usages = csr.Spec.Usages ?? [];
        var problem = signer == SignerNames.KubeletClient
            ? KubeletClientRequest.Problem(request, usages)
            : ClientProblem(usages);
        if (problem is not null)
        {
            return new SigningPlan.Fail("SignerValidationFailure", $"invalid usage for client certificate: {problem}");
        }

        var validity = csr.Spec.ExpirationSeconds is { } seconds && TimeSpan.FromSeconds(seconds) < maxDuration ? TimeSpan.FromSeconds(seconds) : maxDuration;
        var oids = usages.Where(ExtendedUsages.ContainsKey).Select(u => ExtendedUsages[u]).Distinct().ToArray();
        return new SigningPlan.Issue(request.SubjectName, request.PublicKey, oids, validity);
    }

    /// <summary>kube-apiserver-client: client usages only, client auth among them.</summary>
    private static string? ClientProblem(IList<string> usages) =>
        !usages.Contains("client auth") ? "usages must include client auth"
        : usages.FirstOrDefault(u => !ClientUsages.Contains(u)) is { } other ? $"usage \"{other}\" is not allowed"
        : null;
}
