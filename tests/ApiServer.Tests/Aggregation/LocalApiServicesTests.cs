using System.Security.Cryptography;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Aggregation;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Aggregation;

/// <summary>What the aggregator registers at start: the local APIServices (autoregister) and the front proxy's ConfigMap data.</summary>
public sealed class LocalApiServicesTests
{
    [Fact]
    public void Every_built_in_group_version_in_upstreams_table_gets_a_local_api_service()
    {
        var desired = LocalApiServices.Desired(ResourceRegistry.BuiltIn).ToDictionary(a => a["metadata"]!["name"]!.GetValue<string>());

        Assert.Equal("""{"group":"","version":"v1","groupPriorityMinimum":18000,"versionPriority":1}""", desired["v1."]["spec"]!.ToJsonString());
        Assert.Equal("""{"group":"apps","version":"v1","groupPriorityMinimum":17800,"versionPriority":15}""", desired["v1.apps"]["spec"]!.ToJsonString());
        Assert.Equal(30, desired["v2.autoscaling"]["spec"]!["versionPriority"]!.GetValue<int>());
        Assert.Equal("onstart", desired["v1.apps"]["metadata"]!["labels"]![LocalApiServices.AutomanagedLabel]!.GetValue<string>());
        // Not in upstream's table: the aggregator's own group is listed first by the aggregator itself, never registered.
        Assert.DoesNotContain("v1.apiregistration.k8s.io", desired.Keys);
        Assert.Contains("v1.rbac.authorization.k8s.io", desired.Keys);
    }

    [Fact]
    public void The_extension_apiserver_authentication_data_names_the_front_proxy_ca_allowed_names_and_headers()
    {
        using var cluster = CertificateAuthority.Create("kubernetes");
        using var frontProxy = CertificateAuthority.Create("front-proxy-ca");
        using var client = frontProxy.IssueClient("front-proxy-client", []);
        using var key = ECDsa.Create();
        using var serving = cluster.IssueServing("kube-apiserver", ["localhost"], []);
        var security = new ApiServerSecurity
        {
            ServingCertificate = serving,
            ClientCertificateAuthority = cluster.Certificate,
            ServiceAccountSigningKey = key,
            FrontProxyClientCertificate = client,
            FrontProxyCertificateAuthority = frontProxy.Certificate,
        };

        var data = ExtensionApiServerAuthentication.Data(security)!;

        Assert.Equal(Pem.Certificate(cluster.Certificate), data["client-ca-file"]!.GetValue<string>());
        Assert.Equal(Pem.Certificate(frontProxy.Certificate), data["requestheader-client-ca-file"]!.GetValue<string>());
        Assert.Equal("""["front-proxy-client"]""", data["requestheader-allowed-names"]!.GetValue<string>());
        Assert.Equal("""["X-Remote-User"]""", data["requestheader-username-headers"]!.GetValue<string>());
        Assert.Equal("""["X-Remote-Group"]""", data["requestheader-group-headers"]!.GetValue<string>());
        Assert.Equal("""["X-Remote-Extra-"]""", data["requestheader-extra-headers-prefix"]!.GetValue<string>());
        Assert.Null(ExtensionApiServerAuthentication.Data(security with { FrontProxyClientCertificate = null }));
    }
}
