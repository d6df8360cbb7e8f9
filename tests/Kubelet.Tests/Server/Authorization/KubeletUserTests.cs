using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Kubelet.Server.Authorization;

namespace Orchestrator.Kubelet.Tests.Server.Authorization;

/// <summary>The user of a client certificate: CN the name, each O a group, plus system:authenticated.</summary>
public sealed class KubeletUserTests
{
    [Fact]
    public void The_common_name_is_the_user_and_the_organizations_its_groups()
    {
        using var ca = CertificateAuthority.Create("cluster-ca");
        using var certificate = ca.IssueClient("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins", "ops"]);

        var user = KubeletUser.FromCertificate(certificate);

        Assert.Equal("kube-apiserver-kubelet-client", user.Name);
        Assert.Equal(["kubeadm:cluster-admins", "ops", "system:authenticated"], user.Groups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_certificate_without_organizations_is_only_authenticated()
    {
        using var ca = CertificateAuthority.Create("cluster-ca");
        using var certificate = ca.IssueClient("someone", []);

        Assert.Equal(new KubeletUser("someone", ["system:authenticated"]).Groups, KubeletUser.FromCertificate(certificate).Groups);
    }
}
