using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.ApiServer.Tests.Registry.Certificates;

/// <summary>CSRs through the REST API: the requestor recorded, approval through its subresource only, Approved and Denied exclusive, status through /status.</summary>
public sealed class CertificateSigningRequestApiTests
{
    [Fact]
    public async Task A_created_request_records_its_requestor_and_starts_pending()
    {
        await using var server = await InProcessApiServer.StartAsync();
        var created = await server.Client.CertificatesV1.CreateCertificateSigningRequestAsync(NewRequest("a", forgedUser: "system:node:evil"));
        Assert.Equal("system:unsecured", created.Spec.Username);
        Assert.Contains("system:masters", created.Spec.Groups);
        Assert.Null(created.Status?.Conditions);
    }

    [Fact]
    public async Task Approval_adds_only_the_approval_condition_and_keeps_the_spec()
    {
        await using var server = await InProcessApiServer.StartAsync();
        var client = server.Client;
        var csr = await client.CertificatesV1.CreateCertificateSigningRequestAsync(NewRequest("b"));
        csr.Spec.SignerName = "example.com/other";
        csr.Status = new V1CertificateSigningRequestStatus
        {
            Conditions = [new V1CertificateSigningRequestCondition { Type = "Approved", Status = "True", Reason = "Test", Message = "ok" }],
            Certificate = Encoding.ASCII.GetBytes("not issued by approval"),
        };
        var approved = await client.CertificatesV1.ReplaceCertificateSigningRequestApprovalAsync(csr, "b");
        Assert.Equal("kubernetes.io/kube-apiserver-client-kubelet", approved.Spec.SignerName);
        Assert.Null(approved.Status.Certificate);
        var condition = Assert.Single(approved.Status.Conditions);
        Assert.Equal(("Approved", "True", "Test"), (condition.Type, condition.Status, condition.Reason));

        approved.Status.Conditions.Add(new V1CertificateSigningRequestCondition { Type = "Denied", Status = "True" });
        var both = await Assert.ThrowsAsync<HttpOperationException>(() => client.CertificatesV1.ReplaceCertificateSigningRequestApprovalAsync(approved, "b"));
        Assert.Equal(422, (int)both.Response.StatusCode);
        Assert.Contains("Approved and Denied conditions are mutually exclusive", both.Response.Content, StringComparison.Ordinal);

        approved.Status.Conditions = [new V1CertificateSigningRequestCondition { Type = "Denied", Status = "True" }];
        var swapped = await Assert.ThrowsAsync<HttpOperationException>(() => client.CertificatesV1.ReplaceCertificateSigningRequestApprovalAsync(approved, "b"));
        Assert.Contains("may not remove a condition of type", swapped.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_certificate_is_written_through_status_and_an_update_cannot_change_the_spec()
    {
        await using var server = await InProcessApiServer.StartAsync();
        var client = server.Client;
        var csr = await client.CertificatesV1.CreateCertificateSigningRequestAsync(NewRequest("c"));
        var pem = CertificatePem("c");
        csr.Status = new V1CertificateSigningRequestStatus { Certificate = Encoding.ASCII.GetBytes(pem) };
        var issued = await client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(csr, "c");
        Assert.Equal(pem, Encoding.ASCII.GetString(issued.Status.Certificate));

        issued.Spec.Usages = ["server auth"];
        issued.Metadata.Labels = new Dictionary<string, string> { ["k"] = "v" };
        var updated = await client.CertificatesV1.ReplaceCertificateSigningRequestAsync(issued, "c");
        Assert.Equal(["digital signature", "client auth"], updated.Spec.Usages);
        Assert.Equal("v", updated.Metadata.Labels["k"]);
    }

    [Fact]
    public async Task The_status_path_cannot_approve_cannot_change_an_issued_certificate_and_takes_only_certificate_pem()
    {
        await using var server = await InProcessApiServer.StartAsync();
        var client = server.Client;
        var csr = await client.CertificatesV1.CreateCertificateSigningRequestAsync(NewRequest("d"));

        csr.Status = new V1CertificateSigningRequestStatus { Conditions = [new V1CertificateSigningRequestCondition { Type = "Approved", Status = "True" }] };
        var approve = await Assert.ThrowsAsync<HttpOperationException>(() => client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(csr, "d"));
        Assert.Equal(422, (int)approve.Response.StatusCode);
        Assert.Contains("status.conditions: Forbidden: updates may not add a condition of type \"Approved\"", Message(approve), StringComparison.Ordinal);

        csr.Status = new V1CertificateSigningRequestStatus { Certificate = Encoding.ASCII.GetBytes("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") };
        var key = await Assert.ThrowsAsync<HttpOperationException>(() => client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(csr, "d"));
        Assert.Contains("only CERTIFICATE PEM blocks are allowed, found \"PRIVATE KEY\"", Message(key), StringComparison.Ordinal);
        csr.Status = new V1CertificateSigningRequestStatus { Certificate = Encoding.ASCII.GetBytes("PEM") };
        var text = await Assert.ThrowsAsync<HttpOperationException>(() => client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(csr, "d"));
        Assert.Contains("must contain at least one CERTIFICATE PEM block", text.Response.Content, StringComparison.Ordinal);

        csr.Status = new V1CertificateSigningRequestStatus { Certificate = Encoding.ASCII.GetBytes(CertificatePem("d")) };
        var issued = await client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(csr, "d");
        issued.Status.Certificate = Encoding.ASCII.GetBytes(CertificatePem("other"));
        var reissue = await Assert.ThrowsAsync<HttpOperationException>(() => client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(issued, "d"));
        Assert.Contains("updates may not modify existing certificate content", reissue.Response.Content, StringComparison.Ordinal);
    }

    private static string Message(HttpOperationException e) =>
        System.Text.Json.JsonDocument.Parse(e.Response.Content).RootElement.GetProperty("message").GetString()!;

    private static string CertificatePem(string subject)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=" + subject, key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        return certificate.ExportCertificatePem() + "\n";
    }

    internal static V1CertificateSigningRequest NewRequest(string name, string? forgedUser = null) => new()
    {
        ApiVersion = "certificates.k8s.io/v1",
        Kind = "CertificateSigningRequest",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1CertificateSigningRequestSpec
        {
            Request = Encoding.ASCII.GetBytes(CertificateSigningRequestStrategyTests.NodeRequest()),
            SignerName = "kubernetes.io/kube-apiserver-client-kubelet",
            Usages = ["digital signature", "client auth"],
            Username = forgedUser,
        },
    };
}
