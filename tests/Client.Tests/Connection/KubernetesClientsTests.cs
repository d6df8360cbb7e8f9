using k8s;
using System.Net;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Connection;

/// <summary>
/// A client built by <see cref="Client.Connection.KubernetesClients"/> from a kubeconfig that pins the cluster's CA
/// accepts the API server only when its certificate chains to that CA and names the host dialled, as client-go does.
/// </summary>
public sealed class KubernetesClientsTests
{
    [Fact]
    public async Task A_server_certificate_for_the_host_from_the_pinned_CA_is_accepted()
    {
        using var pki = new TestPki();
        await using var server = await InProcessApiServer.StartSecureAsync(pki, "AlwaysAllow");

        using var client = pki.AdminClient(server.Address);
        var namespaces = await client.CoreV1.ListNamespaceAsync();

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
    }

    [Fact]
    public async Task A_certificate_from_the_pinned_CA_for_another_name_is_refused()
    {
        using var pki = new TestPki();
        var elsewhere = pki.Authority.IssueServing("kube-apiserver", ["elsewhere.example"], [IPAddress.Parse("192.0.2.7")]);
        await using var server = await InProcessApiServer.StartAsync(pki, pki.Security("AlwaysAllow") with { ServingCertificate = elsewhere });

        using var client = pki.AdminClient(server.Address);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespaceAsync());

        Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException);
    }

    [Fact]
    public async Task A_certificate_for_the_host_from_another_CA_is_refused()
    {
        using var pki = new TestPki();
        using var other = CertificateAuthority.Create("someone-else");
        var foreign = other.IssueServing("kube-apiserver", ["localhost"], [IPAddress.Loopback]);
        await using var server = await InProcessApiServer.StartAsync(pki, pki.Security("AlwaysAllow") with { ServingCertificate = foreign });

        using var client = pki.AdminClient(server.Address);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespaceAsync());
    }
}
