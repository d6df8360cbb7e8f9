namespace Orchestrator.ApiServer.Admission.Certificates;

/// <summary>
/// Upstream's CertificateSigning plugin (plugin/pkg/admission/certificates/signing): a <c>status</c> write that
/// changes a CertificateSigningRequest's certificate needs <c>sign</c> on the request's signer.
/// </summary>
internal sealed class CertificateSigning(SignerAuthorization signers) : IAdmissionPlugin
{
    public string Name => "CertificateSigning";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Update;

    public void Validate(AdmissionAttributes attributes)
    {
        if (attributes.Resource is { Group: "certificates.k8s.io", Plural: "certificatesigningrequests" }
            && attributes.Subresource == "status"
            && !JsonNode.DeepEquals(Certificate(attributes.Object), Certificate(attributes.OldObject)))
        {
            signers.Require(attributes, "sign");
        }
    }

    private static JsonNode? Certificate(JsonObject? csr) => (csr?["status"] as JsonObject)?["certificate"];
}
