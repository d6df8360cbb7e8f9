using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Kubelet.Server;
using Orchestrator.Kubelet.Server.Authorization;

namespace Orchestrator.Kubelet.Tests.Server.Authorization;

/// <summary>The kubelet server with webhook authorization: allowed paths are served, others are upstream's 403 and 500 texts.</summary>
public sealed class KubeletAuthorizationTests : IAsyncLifetime
{
    private readonly CertificateAuthority _cluster = CertificateAuthority.Create("cluster-ca");
    private readonly RecordingAuthorizer _authorizer = new();
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
            Authorizer = _authorizer,
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _serving.Dispose();
        _cluster.Dispose();
    }

    [Fact]
    public async Task Healthz_allowed_through_the_proxy_fallback_is_served()
    {
        _authorizer.Allowed.Add("get nodes/proxy");
        using var certificate = _cluster.IssueClient("prometheus", ["monitoring"]);
        using var http = Client(certificate);

        var answer = await http.GetStringAsync(new Uri($"https://127.0.0.1:{_server.Port}/healthz"));

        Assert.Equal("ok", answer);
        Assert.Equal(["prometheus get healthz", "prometheus get proxy"], _authorizer.Asked);
    }

    [Fact]
    public async Task A_denied_request_is_upstream_s_plain_text_403_naming_the_last_subresource_asked()
    {
        using var certificate = _cluster.IssueClient("prometheus", ["monitoring"]);
        using var http = Client(certificate);

        using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{_server.Port}/containerLogs/ns/pod/c"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden (user=prometheus, verb=get, resource=nodes, subresource=proxy)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_failed_review_is_a_500_authorization_error()
    {
        _authorizer.Fail = true;
        using var certificate = _cluster.IssueClient("prometheus", ["monitoring"]);
        using var http = Client(certificate);

        using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{_server.Port}/healthz"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Authorization error (user=prometheus, verb=get, resource=nodes, subresource=healthz)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void An_authorizer_without_a_client_ca_is_refused()
    {
        var options = new KubeletServerOptions { ServingCertificate = _serving, Authorizer = _authorizer };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("client CA", error.Message, StringComparison.Ordinal);
    }

    private static HttpClient Client(X509Certificate2 certificate) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        },
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private sealed class RecordingAuthorizer : IKubeletAuthorizer
    {
        public HashSet<string> Allowed { get; } = [];

        public List<string> Asked { get; } = [];

        public bool Fail { get; set; }

        public Task<bool> AllowsAsync(KubeletUser user, string verb, string subresource, CancellationToken ct)
        {
            if (Fail)
            {
                throw new HttpRequestException("the API server cannot be reached");
            }

            lock (Asked)
            {
                Asked.Add($"{user.Name} {verb} {subresource}");
            }

            return Task.FromResult(Allowed.Contains($"{verb} nodes/{subresource}"));
        }
    }
}
