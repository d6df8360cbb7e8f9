using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.ServiceRouting;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;
using Xunit;

namespace Orchestrator.ApiServer.Tests.ServiceRouting;

/// <summary>
/// <see cref="ServiceResolver"/> on real watch caches over a SQLite store, and <see cref="BackendClients"/>
/// against a real HTTPS server: the caBundle is the only trust, the name checked is the service's, the
/// client certificate is presented, and a service is dialled through its EndpointSlice.
/// </summary>
public sealed class ServiceRoutingTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-routing-").FullName;
    private IStore _store = null!;
    private WatchCacheSet _caches = null!;
    private BackendClients _clients = null!;
    private ServiceResolver _resolver = null!;
    private HttpsTestServer _backend = null!;

    public async Task InitializeAsync()
    {
        _store = StoreFactory.Open("sqlite://" + Path.Combine(_directory, "state.db"));
        _caches = new WatchCacheSet(_store, NullLoggerFactory.Instance);
        _resolver = new ServiceResolver(_caches, ResourceRegistry.BuiltIn, Random.Shared);
        _clients = new BackendClients(_resolver);
        _backend = await TlsBackend.StartAsync(["hook.webhooks.svc", "localhost"]);
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _backend.DisposeAsync();
        await _caches.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_service_resolves_to_its_ready_endpoint_and_target_port_once_the_cache_has_them()
    {
        var reference = new ServiceReference("webhooks", "hook", 443, Path: "/validate");
        var missing = await Assert.ThrowsAsync<ApiException>(async () => await _resolver.ResolveAsync(reference, CancellationToken.None));
        Assert.Equal((503, "service \"hook\" not found"), (missing.Code, missing.Message));

        await PublishServiceAsync("hook", 443, "127.0.0.1", _backend.Port);
        var resolved = await Eventually.NotNullAsync<Uri>(async () =>
        {
            try
            {
                return await _resolver.ResolveAsync(reference, CancellationToken.None);
            }
            catch (ApiException)
            {
                return null;
            }
        }, "the service reaches the caches");
        Assert.Equal($"https://127.0.0.1:{_backend.Port}/validate", resolved.ToString());
    }

    [Fact]
    public async Task A_service_url_is_dialled_through_the_endpoints_and_verified_as_the_service_name()
    {
        await PublishServiceAsync("hook", 443, "127.0.0.1", _backend.Port);
        var client = _clients.For(new BackendTls(_backend.CaPem), routeServices: true);
        var url = new Uri(new ServiceReference("webhooks", "hook", 443).Url, "/who");
        var answer = await Eventually.NotNullAsync<string>(async () =>
        {
            try
            {
                return await client.GetStringAsync(url);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, "the service's backend answers");
        Assert.Equal("anonymous", answer);
    }

    [Fact]
    public async Task A_synchronous_send_through_a_service_reads_the_whole_answer()
    {
        await PublishServiceAsync("hook", 443, "127.0.0.1", _backend.Port);
        var client = _clients.For(new BackendTls(_backend.CaPem), routeServices: true);
        var url = new Uri(new ServiceReference("webhooks", "hook", 443).Url, "/who");
        var answer = await Eventually.NotNullAsync<string>(() =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(response.Content.ReadAsStream());
                return Task.FromResult<string?>(reader.ReadToEnd());
            }
            catch (HttpRequestException)
            {
                return Task.FromResult<string?>(null);
            }
        }, "the service's backend answers");
        Assert.Equal("anonymous", answer);
    }

    [Fact]
    public async Task A_service_without_endpoints_fails_the_call_with_upstreams_text()
    {
        await PublishServiceAsync("empty", 443, address: null, port: 0);
        var client = _clients.For(new BackendTls(_backend.CaPem), routeServices: true);
        await Eventually.TrueAsync(async () =>
        {
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new ServiceReference("webhooks", "empty", 443).Url));
            return e.InnerException is ApiException { Message: "no endpoints available for service \"empty\"" };
        }, "the call fails for want of endpoints");
    }

    [Fact]
    public async Task The_bundle_is_the_only_trust_and_the_url_host_must_be_in_the_certificate()
    {
        var trusted = _clients.For(new BackendTls(_backend.CaPem), routeServices: false);
        Assert.Equal("anonymous", await trusted.GetStringAsync(new Uri($"https://localhost:{_backend.Port}/who")));

        using var other = CertificateAuthority.Create("another-ca");
        var untrusted = _clients.For(new BackendTls(Pem.Certificate(other.Certificate)), routeServices: false);
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusted.GetStringAsync(new Uri($"https://localhost:{_backend.Port}/who")));

        // 127.0.0.2 reaches the same loopback server, but the certificate does not name it.
        await Assert.ThrowsAsync<HttpRequestException>(() => trusted.GetStringAsync(new Uri($"https://127.0.0.2:{_backend.Port}/who")));

        var machineRoots = _clients.For(new BackendTls(null), routeServices: false);
        await Assert.ThrowsAsync<HttpRequestException>(() => machineRoots.GetStringAsync(new Uri($"https://localhost:{_backend.Port}/who")));
    }

    [Fact]
    public async Task The_client_certificate_is_presented()
    {
        using var certificate = _backend.Ca.IssueClient("system:kube-apiserver", []);
        var client = _clients.For(new BackendTls(_backend.CaPem, certificate), routeServices: false);
        Assert.Contains("CN=system:kube-apiserver", await client.GetStringAsync(new Uri($"https://localhost:{_backend.Port}/who")), StringComparison.Ordinal);
    }

    [Fact]
    public void Clients_are_cached_per_bundle_and_client_certificate_and_renewed_when_either_changes()
    {
        using var one = _backend.Ca.IssueClient("a", []);
        using var two = _backend.Ca.IssueClient("a", []);
        var first = _clients.For(new BackendTls(_backend.CaPem, one), routeServices: false);
        Assert.Same(first, _clients.For(new BackendTls(_backend.CaPem, one), routeServices: false));
        Assert.NotSame(first, _clients.For(new BackendTls(_backend.CaPem, two), routeServices: false));
        Assert.NotSame(first, _clients.For(new BackendTls(_backend.CaPem + "\n", one), routeServices: false));
        Assert.NotSame(first, _clients.For(new BackendTls(_backend.CaPem, one), routeServices: true));
    }

    [Fact]
    public void A_bundle_without_certificates_is_refused_with_upstreams_text()
    {
        var e = Assert.Throws<ArgumentException>(() => _clients.For(new BackendTls("not pem"), routeServices: false));
        Assert.StartsWith("unable to load root certificates: unable to parse bytes as PEM block", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A ClusterIP service in "webhooks" and, with an address, its EndpointSlice with one ready endpoint.</summary>
    private async Task PublishServiceAsync(string name, int servicePort, string? address, int port)
    {
        var services = ResourceRegistry.BuiltIn.Find("", "v1", "services")!;
        var slices = ResourceRegistry.BuiltIn.Find("discovery.k8s.io", "v1", "endpointslices")!;
        var service = JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","namespace":"webhooks"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.0.50","ipFamilies":["IPv4"],"ports":[{"name":"https","port":{{{servicePort}}},"targetPort":{{{port}}}}]}}
            """)!.AsObject();
        await _store.CreateAsync(ObjectKeys.Item(services, "webhooks", name), StoredObject.Encode(service));
        if (address is not null)
        {
            var slice = JsonNode.Parse($$$"""
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"{{{name}}}-abcde","namespace":"webhooks","labels":{"kubernetes.io/service-name":"{{{name}}}"}},
                 "addressType":"IPv4","ports":[{"name":"https","port":{{{port}}},"protocol":"TCP"}],"endpoints":[{"addresses":["{{{address}}}"],"conditions":{"ready":true}}]}
                """)!.AsObject();
            await _store.CreateAsync(ObjectKeys.Item(slices, "webhooks", name + "-abcde"), StoredObject.Encode(slice));
        }
    }
}
