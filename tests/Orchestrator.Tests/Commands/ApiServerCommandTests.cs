using System.Net;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Host.Commands;
using Orchestrator.Host.Pki;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>`apiserver init` writes one PKI that every `apiserver` sharing it loads as it is (docker-compose's two servers).</summary>
public sealed class ApiServerCommandTests : IDisposable
{
    private static readonly string[] ExtraNames = ["apiserver-1", "apiserver-2", "apiserver-lb", "192.0.2.7"];

    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-apiserver-").FullName;

    [Fact]
    public void Serving_names_are_the_flags_and_the_extra_sans_never_the_interfaces()
    {
        var names = ApiServerCommand.ServingNames("apiserver-1", IPAddress.Any, null, ExtraNames);

        Assert.Equal(["localhost", "apiserver-1", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "apiserver-2", "apiserver-lb"], names.DnsNames);
        Assert.Equal([IPAddress.Loopback, ApiServerNames.KubernetesServiceIp, IPAddress.Parse("192.0.2.7")], names.Addresses);
    }

    [Fact]
    public async Task Init_writes_the_pki_and_kubeconfigs_that_both_servers_load_without_reissuing()
    {
        var admin = Path.Combine(_directory, "host", "kubeconfig");
        var (code, _) = await RunAsync("apiserver", "init", "--data-dir", _directory, "--control-plane-endpoint", "https://apiserver-lb:6443",
            "--admin-server", "https://127.0.0.1:6443", "--admin-kubeconfig", admin, "--apiserver-cert-extra-sans", string.Join(',', ExtraNames), "--node-name", "node-a");

        Assert.Equal(0, code);
        Assert.Contains("server: https://127.0.0.1:6443", await File.ReadAllTextAsync(admin), StringComparison.Ordinal);
        foreach (var component in new[] { "scheduler", "controller-manager", "kubelet-hollow" })
        {
            Assert.Contains("server: https://apiserver-lb:6443", await File.ReadAllTextAsync(Path.Combine(_directory, "kubeconfigs", component + ".kubeconfig")), StringComparison.Ordinal);
        }

        // --node-name: the node's own identity, as the Node authorizer knows it.
        var node = Path.Combine(_directory, "kubeconfigs", "kubelet-node-a.kubeconfig");
        Assert.Contains("server: https://apiserver-lb:6443", await File.ReadAllTextAsync(node), StringComparison.Ordinal);
        using (var client = Kubeconfig.ReadClientCertificate(node))
        {
            Assert.Equal("system:node:node-a", client?.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        }

        var serving = Path.Combine(_directory, "pki", "apiserver.crt");
        using var issued = Pem.Certificates(await File.ReadAllTextAsync(serving))[0];
        foreach (var host in new[] { "apiserver-1", "apiserver-2" })
        {
            using var pki = ClusterPki.LoadOrCreate(_directory, ApiServerCommand.ServingNames(host, IPAddress.Any, null, ExtraNames));
            Assert.Equal(issued.Thumbprint, pki.ServingCertificate.Thumbprint);
        }

        Assert.Contains("apiserver-lb", SubjectAlternativeNames.Of(issued).DnsNames);
    }

    [Fact]
    public async Task Init_needs_an_https_control_plane_endpoint_and_the_server_a_store()
    {
        Assert.Equal(2, (await RunAsync("apiserver", "init", "--data-dir", _directory)).Code);
        Assert.Equal(2, (await RunAsync("apiserver", "init", "--data-dir", _directory, "--control-plane-endpoint", "http://lb:6443")).Code);
        Assert.Equal(2, (await RunAsync("apiserver", "--data-dir", _directory)).Code);
        Assert.Equal(2, (await RunAsync("apiserver", "serve")).Code);
        Assert.Equal(2, (await RunAsync("apiserver", "init", "--data-dir", _directory, "--control-plane-endpoint", "https://lb:6443", "--node-name", "../escape")).Code);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var code = await CommandRouter.RunAsync(args, output, error);
        return (code, output.ToString().TrimEnd('\n'));
    }
}
