using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Tests.Authorization;

namespace Orchestrator.ApiServer.Tests.Admission.Certificates;

/// <summary>
/// CertificateApproval, CertificateSigning and CertificateSubjectRestriction on a secured server: approving needs
/// <c>approve</c> and issuing needs <c>sign</c> on the signer (by name or <c>domain/*</c>), and nobody gets a
/// system:masters certificate from the API-server client signer.
/// </summary>
public sealed class CertificateAdmissionTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    private const string Signer = "example.com/test";

    [Fact]
    public async Task Approving_needs_approve_on_the_signer_by_name_or_by_domain_wildcard()
    {
        var user = "approver-" + Guid.NewGuid().ToString("N")[..6];
        await GrantAsync(user, "csr-writer", new V1PolicyRule { Verbs = ["get", "update"], ApiGroups = ["certificates.k8s.io"], Resources = ["certificatesigningrequests/approval"] });
        using var approver = fixture.Pki.Client(fixture.Server.Address, user);
        var csr = await CreateAsync("approve-" + user, Signer, "CN=someone");

        var refused = await RefusedByAdmissionAsync(() => approver.CertificatesV1.ReplaceCertificateSigningRequestApprovalAsync(Approved(csr), csr.Metadata.Name));
        Assert.Equal(403, (int)refused.Response.StatusCode);
        Assert.Equal(
            $"certificatesigningrequests.certificates.k8s.io \"{csr.Metadata.Name}\" is forbidden: user not permitted to approve requests with signerName \"{Signer}\"",
            Message(refused));

        await GrantAsync(user, "signer-approver", new V1PolicyRule { Verbs = ["approve"], ApiGroups = ["certificates.k8s.io"], Resources = ["signers"], ResourceNames = ["example.com/*"] });
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                var approved = await approver.CertificatesV1.ReplaceCertificateSigningRequestApprovalAsync(Approved(csr), csr.Metadata.Name);
                return approved.Status.Conditions.Any(c => c.Type == "Approved");
            }
            catch (HttpOperationException e) when ((int)e.Response.StatusCode == 403)
            {
                return false;
            }
        }, "approval once the wildcard signer rule is in place");
    }

    [Fact]
    public async Task Issuing_a_certificate_through_status_needs_sign_on_the_signer()
    {
        var user = "signer-" + Guid.NewGuid().ToString("N")[..6];
        await GrantAsync(user, "csr-status", new V1PolicyRule { Verbs = ["get", "update"], ApiGroups = ["certificates.k8s.io"], Resources = ["certificatesigningrequests/status"] });
        using var signer = fixture.Pki.Client(fixture.Server.Address, user);
        var csr = await CreateAsync("sign-" + user, Signer, "CN=someone");
        csr.Status = new V1CertificateSigningRequestStatus { Certificate = Encoding.ASCII.GetBytes(SelfSignedPem()) };
        var refused = await RefusedByAdmissionAsync(() => signer.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(csr, csr.Metadata.Name));

        Assert.Equal(403, (int)refused.Response.StatusCode);
        Assert.EndsWith($"user not permitted to sign requests with signerName \"{Signer}\"", Message(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_one_requests_a_system_masters_certificate_from_the_api_server_client_signer()
    {
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync("masters", "kubernetes.io/kube-apiserver-client", "CN=mallory, O=system:masters"));

        Assert.Equal(403, (int)refused.Response.StatusCode);
        Assert.Equal(
            "certificatesigningrequests.certificates.k8s.io \"masters\" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed",
            Message(refused));
        var other = await CreateAsync("masters-elsewhere", Signer, "CN=mallory, O=system:masters");
        Assert.Equal(Signer, other.Spec.SignerName);
    }

    private async Task<V1CertificateSigningRequest> CreateAsync(string name, string signer, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return await fixture.Server.Client.CertificatesV1.CreateCertificateSigningRequestAsync(new V1CertificateSigningRequest
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1CertificateSigningRequestSpec
            {
                Request = Encoding.ASCII.GetBytes(SigningRequests.Create(new X500DistinguishedName(subject), key)),
                SignerName = signer,
                Usages = ["digital signature", "client auth"],
            },
        });
    }

    /// <summary>A ClusterRole of <paramref name="rule"/> bound to <paramref name="user"/>.</summary>
    private async Task GrantAsync(string user, string role, V1PolicyRule rule)
    {
        var name = $"{role}-{user}";
        await fixture.Server.Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole { Metadata = new V1ObjectMeta { Name = name }, Rules = [rule] });
        await fixture.Server.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = user, ApiGroup = "rbac.authorization.k8s.io" }],
        });
    }

    /// <summary>
    /// The 403 admission gives <paramref name="write"/> once RBAC lets it through (a new binding takes a moment to reach
    /// the authorizer; until then the 403 is RBAC's "cannot update").
    /// </summary>
    private static async Task<HttpOperationException> RefusedByAdmissionAsync(Func<Task> write)
    {
        HttpOperationException last = null!;
        await Eventually.TrueAsync(async () =>
        {
            last = await Assert.ThrowsAsync<HttpOperationException>(write);
            return (int)last.Response.StatusCode != 403 || Message(last).Contains("user not permitted", StringComparison.Ordinal);
        }, "the write to pass RBAC and reach admission");
        return last;
    }

    private static V1CertificateSigningRequest Approved(V1CertificateSigningRequest csr)
    {
        csr.Status = new V1CertificateSigningRequestStatus { Conditions = [new V1CertificateSigningRequestCondition { Type = "Approved", Status = "True", Reason = "Test" }] };
        return csr;
    }

    private static string SelfSignedPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=issued", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        return certificate.ExportCertificatePem() + "\n";
    }

    private static string Message(HttpOperationException e) => System.Text.Json.Nodes.JsonNode.Parse(e.Response.Content)!["message"]!.GetValue<string>();
}
