using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ControllerManager.Tests.Controllers.CsrSigning;

/// <summary>CSR objects for the approver and signer tables.</summary>
internal static class CsrRequests
{
    public static V1CertificateSigningRequest Of(string subjectCn, string[] organizations, string username, string signer = "kubernetes.io/kube-apiserver-client-kubelet",
        string[]? usages = null, string? condition = null, bool issued = false, bool san = false, int? expirationSeconds = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(CertificateAuthority.Subject(subjectCn, organizations), key, HashAlgorithmName.SHA256);
        if (san)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("node.example");
            request.CertificateExtensions.Add(names.Build());
        }

        return new V1CertificateSigningRequest
        {
            Metadata = new V1ObjectMeta { Name = "csr" },
            Spec = new V1CertificateSigningRequestSpec
            {
                Request = Encoding.ASCII.GetBytes(request.CreateSigningRequestPem()),
                SignerName = signer,
                Usages = usages ?? ["digital signature", "client auth"],
                Username = username,
                ExpirationSeconds = expirationSeconds,
            },
            Status = new V1CertificateSigningRequestStatus
            {
                Conditions = condition is null ? null : [new V1CertificateSigningRequestCondition { Type = condition, Status = "True" }],
                Certificate = issued ? Encoding.ASCII.GetBytes("PEM") : null,
            },
        };
    }
}
