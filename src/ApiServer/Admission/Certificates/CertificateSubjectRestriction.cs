namespace Orchestrator.ApiServer.Admission.Certificates;

/// <summary>
/// Upstream's CertificateSubjectRestriction plugin (plugin/pkg/admission/certificates/subjectrestriction): a request
/// to the <c>kubernetes.io/kube-apiserver-client</c> signer may not ask for the <c>system:masters</c> group, whoever
/// approves it (cluster-admin through a CSR would bypass RBAC for good).
/// </summary>
internal sealed class CertificateSubjectRestriction : IAdmissionPlugin
{
    public const string ApiServerClientSigner = "kubernetes.io/kube-apiserver-client";

    public string Name => "CertificateSubjectRestriction";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    public void Validate(AdmissionAttributes attributes)
    {
        if (attributes.Resource is not { Group: "certificates.k8s.io", Plural: "certificatesigningrequests" } || attributes.Subresource is not null
            || attributes.Object["spec"] is not JsonObject spec || JsonFields.Text(spec["signerName"]) != ApiServerClientSigner
            || JsonFields.Text(spec["request"]) is not { } request)
        {
            return;
        }

        IReadOnlyList<string> organizations;
        try
        {
            organizations = SigningRequests.Names(SigningRequests.Parse(Convert.FromBase64String(request)).SubjectName).Organizations;
        }
        catch (FormatException)
        {
            // Validation has refused an unparseable request already; nothing to restrict.
            return;
        }

        if (organizations.Contains("system:masters", StringComparer.Ordinal))
        {
            throw ApiErrors.Forbidden(attributes.Resource, attributes.Name, $"use of {ApiServerClientSigner} signer with system:masters group is not allowed");
        }
    }
}
