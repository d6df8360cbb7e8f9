using Orchestrator.ControllerManager.Controllers.CsrSigning;

namespace Orchestrator.ControllerManager.Tests.Controllers.CsrSigning;

/// <summary>What the signer does with each CSR: skip, issue with the right lifetime and usages, or fail.</summary>
public sealed class CsrSigningPlannerTests
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    public static TheoryData<string, Func<k8s.Models.V1CertificateSigningRequest>, string> Cases => new()
    {
        { "pending", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "u"), "skip" },
        { "denied", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "u", condition: "Denied"), "skip" },
        { "issued", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "u", condition: "Approved", issued: true), "skip" },
        { "another signer", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "u", signer: "example.com/x", condition: "Approved"), "skip" },
        { "approved kubelet client", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "u", condition: "Approved"), "issue 365.00:00:00 1.3.6.1.5.5.7.3.2" },
        { "shorter requested duration", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "u", condition: "Approved", expirationSeconds: 3600), "issue 01:00:00 1.3.6.1.5.5.7.3.2" },
        { "longer requested duration", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "u", condition: "Approved", expirationSeconds: 400 * 86400), "issue 365.00:00:00 1.3.6.1.5.5.7.3.2" },
        { "kubelet client with a wrong subject", () => CsrRequests.Of("admin", ["system:masters"], "u", condition: "Approved"), "fail SignerValidationFailure" },
        { "apiserver client", () => CsrRequests.Of("jane", ["dev"], "u", signer: "kubernetes.io/kube-apiserver-client", condition: "Approved", usages: ["digital signature", "key encipherment", "client auth"]), "issue 365.00:00:00 1.3.6.1.5.5.7.3.2" },
        { "apiserver client asking for server auth", () => CsrRequests.Of("jane", ["dev"], "u", signer: "kubernetes.io/kube-apiserver-client", condition: "Approved", usages: ["client auth", "server auth"]), "fail SignerValidationFailure" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plans(string what, Func<k8s.Models.V1CertificateSigningRequest> csr, string expected)
    {
        var plan = CsrSigningPlanner.Plan(csr(), Year);
        var text = plan switch
        {
            SigningPlan.Issue issue => $"issue {issue.Validity} {string.Join(",", issue.ExtendedUsageOids)}",
            SigningPlan.Fail fail => $"fail {fail.Reason}",
            _ => "skip",
        };
        Assert.True(expected == text, $"{what}: expected {expected}, got {text}");
    }

    [Fact]
    public void The_issued_subject_is_the_requests()
    {
        var plan = Assert.IsType<SigningPlan.Issue>(CsrSigningPlanner.Plan(CsrRequests.Of("system:node:n1", ["system:nodes"], "u", condition: "Approved"), Year));
        Assert.Equal("O=system:nodes, CN=system:node:n1", plan.Subject.Name);
    }
}
