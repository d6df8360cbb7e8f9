using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ControllerManager.Controllers.CsrSigning;

namespace Orchestrator.ControllerManager.Controllers.CsrApproving;

/// <summary>
/// Upstream's sarApprover (pkg/controller/certificates/approver/sarapprove.go) as a pure decision: which
/// SubjectAccessReviews would let a CSR be approved. Only pending requests for the kubelet client signer
/// that are kubelet client requests qualify: a node renewing its own certificate (spec.username equals
/// the CN) is checked against <c>certificatesigningrequests/selfnodeclient</c> first, any requestor
/// against <c>…/nodeclient</c>. The approver never denies.
/// </summary>
internal static class CsrApprovalPlanner
{
    public const string SelfNodeClient = "selfnodeclient";
    public const string NodeClient = "nodeclient";

    /// <summary>The subresources to ask about, in order (approve on the first allowed); empty: leave the request alone.</summary>
    public static IReadOnlyList<string> Reviews(V1CertificateSigningRequest csr)
    {
        if (csr.Spec?.SignerName != SignerNames.KubeletClient || CsrState.IsApproved(csr) || CsrState.IsDenied(csr) || CsrState.IsIssued(csr) || csr.Spec.Request is null)
        {
            return [];
        }

        System.Security.Cryptography.X509Certificates.CertificateRequest request;
        try
        {
            request = SigningRequests.Parse(csr.Spec.Request);
        }
        catch (FormatException)
        {
            return [];
        }

        if (KubeletClientRequest.Problem(request, csr.Spec.Usages ?? []) is not null)
        {
            return [];
        }

        return csr.Spec.Username == KubeletClientRequest.CommonName(request) ? [SelfNodeClient, NodeClient] : [NodeClient];
    }

    /// <summary>The condition an approved request gets, as upstream's approver writes it.</summary>
    public static V1CertificateSigningRequestCondition Approval(DateTime now) => new()
    {
        Type = "Approved",
        Status = "True",
        Reason = "AutoApproved",
        Message = "Auto approving kubelet client certificate after SubjectAccessReview.",
        LastUpdateTime = now,
        LastTransitionTime = now,
    };
}
