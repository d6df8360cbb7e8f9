using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>The kubelet server on TLS: its serving certificate, and the client CA that decides who is served.</summary>
public sealed class KubeletServerTlsTests : IAsyncLifetime
{
    private readonly CertificateAuthority _cluster = CertificateAuthority.Create("cluster-ca");
    private readonly CertificateAuthority _stranger = CertificateAuthority.Create("someone-else");
    private X509Certificate2 _serving = null!;
    private KubeletServer _server = null!;

    public async Task InitializeAsync()
    {
        _serving = _cluster.IssueServing("node-1", ["node-1", "localhost"], [IPAddress.Loopback]);
        _server = new KubeletServer(new FakeStreamingRuntime(), new KubeletServerOptions
        {
            BindAddress = IPAddress.Loopback,
            Port = 0,
            ServingCertificate = _serving,
            ClientCertificateAuthority = X509CertificateLoader.LoadCertificate(_cluster.Certificate.RawData),
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _serving.Dispose();
        _cluster.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task A_client_certificate_from_the_cluster_ca_is_served_over_tls_with_the_given_certificate()
    {
        using var client = _cluster.IssueClient("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"]);
        X509Certificate2? presented = null;
        using var http = Client(client, certificate => presented = certificate);

        var answer = await http.GetStringAsync(new Uri($"https://127.0.0.1:{_server.Port}/healthz"));

        Assert.Equal("ok", answer);
        Assert.Equal(_serving.Thumbprint, presented?.Thumbprint);
    }

    [Fact]
    public async Task No_client_certificate_is_401_unauthorized()
    {
        using var http = Client(null, _ => { });

        using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{_server.Port}/containerLogs/ns/pod/c"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_401_unauthorized()
    {
        using var client = _stranger.IssueClient("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"]);
        using var http = Client(client, _ => { });

        using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{_server.Port}/healthz"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Plain_http_to_the_tls_port_gets_no_answer()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{_server.Port}/healthz")));
    }

    [Fact]
    public void A_client_ca_without_a_serving_certificate_is_refused()
    {
        var options = new KubeletServerOptions { ClientCertificateAuthority = _cluster.Certificate };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("needs TLS", error.Message, StringComparison.Ordinal);
    }

    private static HttpClient Client(X509Certificate2? certificate, Action<X509Certificate2> seen) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = certificate is null ? null : [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
            RemoteCertificateValidationCallback = (_, served, _, _) =>
            {
                seen(X509CertificateLoader.LoadCertificate(served!.GetRawCertData()));
                return true;
            },
        },
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
}
