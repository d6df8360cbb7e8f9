using System.Net;
using DnsClient;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Dns.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.Dns.Tests;

/// <summary>DnsHost against an in-process API server: records follow the informers; the node's kube-dns EndpointSlice is published, the Service is the control plane's.</summary>
public sealed class DnsHostTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>, IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task _host = Task.CompletedTask;
    private LookupClient _client = null!;

    public async Task InitializeAsync()
    {
        var ready = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new DnsOptions { ListenAddress = IPAddress.Loopback, Port = 0, Upstreams = [], NodeName = "node-a", NodeIp = "127.0.0.1" };
        _host = DnsHost.RunAsync(api.Client, options, NullLoggerFactory.Instance, ready, _stop.Token);
        var endpoint = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _client = new LookupClient(new LookupClientOptions(new NameServer(endpoint)) { UseCache = false, Retries = 0, ThrowDnsErrors = false });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _host;
        _stop.Dispose();
    }

    [Fact]
    public async Task ServiceResolvesOnceCreatedAndIsNxdomainOnceDeleted()
    {
        var ns = await api.NewNamespaceAsync("dns");
        var service = await api.Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80 }] } }, ns);
        var name = $"web.{ns}.svc.cluster.local";

        var answer = await Eventually.MatchesAsync(() => _client.QueryAsync(name, QueryType.A), r => r.Answers.ARecords().Any(), "the Service resolves");
        Assert.Equal(service.Spec.ClusterIP, answer.Answers.ARecords().Single().Address.ToString());

        await api.Client.CoreV1.DeleteNamespacedServiceAsync("web", ns);
        await Eventually.MatchesAsync(() => _client.QueryAsync(name, QueryType.A), r => r.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain, "the deleted Service is NXDOMAIN");
    }

    [Fact]
    public async Task HeadlessServiceAnswersItsEndpointSliceAddresses()
    {
        var ns = await api.NewNamespaceAsync("dns");
        await api.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "db" }, Spec = new V1ServiceSpec { ClusterIP = "None", Ports = [new V1ServicePort { Port = 5432 }] } }, ns);
        var slice = TestObjects.Slice(ns, "db", [], ("10.244.1.5", "db-0", true));
        slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"] = "test";
        await api.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, ns);

        var answer = await Eventually.MatchesAsync(() => _client.QueryAsync($"db-0.db.{ns}.svc.cluster.local", QueryType.A), r => r.Answers.ARecords().Any(), "the endpoint's hostname resolves");

        Assert.Equal("10.244.1.5", answer.Answers.ARecords().Single().Address.ToString());
    }

    [Fact]
    public async Task TheNodePublishesOnlyItsEndpointSliceAndTheControlPlanesKubeDnsServiceResolves()
    {
        var slice = await Eventually.NotNullAsync(() => TryRead(() => api.Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("kube-dns-node-a", "kube-system")), "the node's slice exists");
        Assert.Null(await TryRead(() => api.Client.CoreV1.ReadNamespacedServiceAsync("kube-dns", "kube-system")));

        var created = await KubeDnsService.EnsureAsync(api.Client, "10.96.0.10", CancellationToken.None);
        var again = await KubeDnsService.EnsureAsync(api.Client, "10.96.0.10", CancellationToken.None);

        Assert.Equal((true, false), (created, again));
        var service = await api.Client.CoreV1.ReadNamespacedServiceAsync("kube-dns", "kube-system");
        Assert.Equal(("10.96.0.10", "Local", null), (service.Spec.ClusterIP, service.Spec.InternalTrafficPolicy, service.Spec.Selector));
        Assert.Equal(["dns/UDP", "dns-tcp/TCP"], service.Spec.Ports.Select(p => $"{p.Name}/{p.Protocol}"));
        var endpoint = Assert.Single(slice.Endpoints);
        Assert.Equal(("127.0.0.1", "node-a", true), (endpoint.Addresses.Single(), endpoint.NodeName, endpoint.Conditions.Ready));
        Assert.Equal("dns.orchestrator.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("kube-dns", slice.Metadata.Labels["kubernetes.io/service-name"]);
        var resolved = await Eventually.MatchesAsync(() => _client.QueryAsync("kube-dns.kube-system.svc.cluster.local", QueryType.A), r => r.Answers.ARecords().Any(), "kube-dns resolves");
        Assert.Equal("10.96.0.10", resolved.Answers.ARecords().Single().Address.ToString());
    }

    private static async Task<T?> TryRead<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            return null;
        }
    }
}
