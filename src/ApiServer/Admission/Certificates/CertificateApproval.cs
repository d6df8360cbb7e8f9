namespace Orchestrator.ApiServer.Admission.Certificates;

/// <summary>
/// Upstream's CertificateApproval plugin (plugin/pkg/admission/certificates/approval): approving or denying a
/// CertificateSigningRequest through its <c>approval</c> subresource needs <c>approve</c> on the request's signer.
/// </summary>
internal sealed class CertificateApproval(SignerAuthorization signers) : IAdmissionPlugin
{
    public string Name => "CertificateApproval";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Update;

    public void Validate(AdmissionAttributes attributes)
    {
        if (attributes.Resource is { Group: "certificates.k8s.io", Plural: "certificatesigningrequests" } && attributes.Subresource == "approval")
        {
            signers.Require(attributes, "approve");
        }
    }
}
