using Orchestrator.ControllerManager.Controllers.CsrApproving;
using Orchestrator.ControllerManager.Tests.Controllers.CsrSigning;

namespace Orchestrator.ControllerManager.Tests.Controllers.CsrApproving;

/// <summary>Which SubjectAccessReviews the approver asks for, as upstream's recognizers decide.</summary>
public sealed class CsrApprovalPlannerTests
{
    private const string Bootstrapper = "system:bootstrap:abcdef";

    public static TheoryData<string, Func<k8s.Models.V1CertificateSigningRequest>, string[]> Cases => new()
    {
        { "a bootstrapper's node client request", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper), ["nodeclient"] },
        { "key encipherment is allowed too", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper, usages: ["key encipherment", "digital signature", "client auth"]), ["nodeclient"] },
        { "a node renewing its own certificate", () => CsrRequests.Of("system:node:n1", ["system:nodes"], "system:node:n1"), ["selfnodeclient", "nodeclient"] },
        { "a node asking for another node", () => CsrRequests.Of("system:node:n2", ["system:nodes"], "system:node:n1"), ["nodeclient"] },
        { "another signer", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper, signer: "kubernetes.io/kube-apiserver-client"), [] },
        { "extra organization", () => CsrRequests.Of("system:node:n1", ["system:nodes", "system:masters"], Bootstrapper), [] },
        { "not a node name", () => CsrRequests.Of("admin", ["system:nodes"], Bootstrapper), [] },
        { "server auth usage", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper, usages: ["digital signature", "server auth"]), [] },
        { "subject alternative names", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper, san: true), [] },
        { "already approved", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper, condition: "Approved"), [] },
        { "already denied", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper, condition: "Denied"), [] },
        { "already issued", () => CsrRequests.Of("system:node:n1", ["system:nodes"], Bootstrapper, issued: true), [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reviews_asked_for(string what, Func<k8s.Models.V1CertificateSigningRequest> csr, string[] expected)
    {
        Assert.True(expected.SequenceEqual(CsrApprovalPlanner.Reviews(csr())), what);
    }

    [Fact]
    public void The_approval_condition_is_upstreams()
    {
        var condition = CsrApprovalPlanner.Approval(DateTime.UnixEpoch);
        Assert.Equal(("Approved", "True", "AutoApproved", "Auto approving kubelet client certificate after SubjectAccessReview."), (condition.Type, condition.Status, condition.Reason, condition.Message));
    }
}
