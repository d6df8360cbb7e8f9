using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.ApiServer.Streaming;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>How a secured API server dials a kubelet's TLS server: with its kubelet client certificate, checking the kubelet's certificate only against a configured kubelet CA.</summary>
public sealed class KubeletTlsTests : IAsyncLifetime
{
    private readonly CertificateAuthority _cluster = CertificateAuthority.Create("cluster");
    private readonly CertificateAuthority _selfSigned = CertificateAuthority.Create("node-1-ca@1");
    private readonly System.Security.Cryptography.ECDsa _saKey = System.Security.Cryptography.ECDsa.Create();
    private X509Certificate2 _kubeletClient = null!;
    private KubeletServer _kubelet = null!;

    public async Task InitializeAsync()
    {
        _kubeletClient = _cluster.IssueClient("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"]);
        _kubelet = new KubeletServer(new CriStreamingRuntime(), new KubeletServerOptions
        {
            BindAddress = IPAddress.Loopback,
            Port = 0,
            ServingCertificate = _selfSigned.IssueServing("node-1", ["node-1"], [IPAddress.Loopback]),
            ClientCertificateAuthority = X509CertificateLoader.LoadCertificate(_cluster.Certificate.RawData),
        });
        await _kubelet.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _kubelet.DisposeAsync();
        _kubeletClient.Dispose();
        _cluster.Dispose();
        _selfSigned.Dispose();
        _saKey.Dispose();
    }

    [Fact]
    public async Task Without_a_kubelet_ca_a_self_signed_kubelet_is_reached_with_the_client_certificate()
    {
        var endpoint = Endpoint(kubeletAuthority: null);
        using var http = new HttpClient(endpoint.Tls!.Handler());

        Assert.Equal("https", endpoint.Url("/healthz").Scheme);
        Assert.Equal("ok", await http.GetStringAsync(endpoint.Url("/healthz")));
        await using var upgrade = await endpoint.OpenUpgradeAsync("GET", "/healthz", [], CancellationToken.None);
        Assert.Equal(200, upgrade.Head.StatusCode);
    }

    [Fact]
    public async Task With_a_kubelet_ca_a_kubelet_certificate_from_elsewhere_is_refused()
    {
        var endpoint = Endpoint(kubeletAuthority: _cluster.Certificate);
        using var http = new HttpClient(endpoint.Tls!.Handler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(endpoint.Url("/healthz")));
        Assert.IsType<AuthenticationException>(error.InnerException);
        await Assert.ThrowsAsync<AuthenticationException>(() => endpoint.OpenUpgradeAsync("GET", "/healthz", [], CancellationToken.None));
    }

    [Fact]
    public async Task With_a_kubelet_ca_its_kubelets_are_reached()
    {
        var endpoint = Endpoint(kubeletAuthority: _selfSigned.Certificate);
        using var http = new HttpClient(endpoint.Tls!.Handler());

        Assert.Equal("ok", await http.GetStringAsync(endpoint.Url("/healthz")));
    }

    [Fact]
    public void An_unsecured_server_dials_kubelets_over_plain_http()
    {
        var tls = new KubeletTls(null, TimeProvider.System);

        Assert.Null(tls.IfEnabled);
        Assert.Equal("http", new KubeletEndpoint("127.0.0.1", 10250) { Tls = tls.IfEnabled }.Url("/healthz").Scheme);
    }

    private KubeletEndpoint Endpoint(X509Certificate2? kubeletAuthority)
    {
        var security = new ApiServerSecurity
        {
            ServingCertificate = _kubeletClient,
            ClientCertificateAuthority = _cluster.Certificate,
            ServiceAccountSigningKey = _saKey,
            KubeletClientCertificate = _kubeletClient,
            KubeletCertificateAuthority = kubeletAuthority is null ? null : X509CertificateLoader.LoadCertificate(kubeletAuthority.RawData),
        };
        return new KubeletEndpoint("127.0.0.1", _kubelet.Port) { Tls = new KubeletTls(security, TimeProvider.System).IfEnabled };
    }
}
