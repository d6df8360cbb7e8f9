using k8s;
using Orchestrator.Testing;

namespace Orchestrator.ApiServer.Tests.Hosting;

public sealed class TlsServingTests
{
    [Fact]
    public async Task A_secured_server_serves_HTTPS_that_the_official_client_trusts_through_the_cluster_CA()
    {
        using var pki = new TestPki();
        await using var server = await InProcessApiServer.StartSecureAsync(pki, "AlwaysAllow");

        Assert.Equal("https", server.Address.Scheme);
        var namespaces = await server.Client.CoreV1.ListNamespaceAsync();
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");
    }
}
