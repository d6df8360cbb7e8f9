using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.ControlPlane;

/// <summary>The API server keeps default/kubernetes Endpoints and EndpointSlice at its advertise address and bound port.</summary>
public sealed class KubernetesEndpointsReconcilerTests : IAsyncLifetime
{
    private static readonly IPAddress Advertised = IPAddress.Parse("192.0.2.10");

    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-kep-").FullName;
    private IStore? _store;
    private ApiServerHost? _host;
    private Kubernetes? _client;

    private Kubernetes Client => _client!;

    private int Port => _host!.Address.Port;

    public async Task InitializeAsync()
    {
        _store = StoreFactory.Open("sqlite://" + Path.Combine(_directory, "state.db"));
        _host = await ApiServerHost.StartAsync(_store, new ApiServerOptions
        {
            Port = 0,
            AdvertiseAddress = Advertised,
            EndpointReconcileInterval = TimeSpan.FromMilliseconds(200),
        });
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _host.Address.ToString(), AccessToken = "test" });
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Endpoints_point_at_the_advertise_address_and_bound_port_as_soon_as_the_server_serves()
    {
        var endpoints = await Client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default");

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal("192.0.2.10", Assert.Single(subset.Addresses).Ip);
        var port = Assert.Single(subset.Ports);
        Assert.Equal(("https", Port, "TCP"), (port.Name, port.Port, port.Protocol));
        Assert.Equal("true", endpoints.Metadata.Labels["endpointslice.kubernetes.io/skip-mirror"]);
        Assert.Null(subset.NotReadyAddresses);
    }

    [Fact]
    public async Task The_endpoint_slice_has_one_ready_ipv4_endpoint_and_only_the_service_name_label()
    {
        var slice = await Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("kubernetes", "default");

        Assert.Equal("IPv4", slice.AddressType);
        var endpoint = Assert.Single(slice.Endpoints);
        Assert.Equal(["192.0.2.10"], endpoint.Addresses);
        Assert.True(endpoint.Conditions.Ready);
        var port = Assert.Single(slice.Ports);
        Assert.Equal(("https", Port, "TCP"), (port.Name, port.Port, port.Protocol));
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/service-name"] = "kubernetes" }, slice.Metadata.Labels);
    }

    [Fact]
    public async Task A_deleted_slice_comes_back_within_the_interval()
    {
        var before = await Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("kubernetes", "default");
        await Client.DiscoveryV1.DeleteNamespacedEndpointSliceAsync("kubernetes", "default");

        var again = await Eventually.MatchesAsync(
            () => TryReadSliceAsync(),
            slice => slice is not null,
            "the kubernetes EndpointSlice to be recreated",
            TimeSpan.FromSeconds(5));

        Assert.NotEqual(before.Metadata.Uid, again!.Metadata.Uid);
        Assert.Equal(["192.0.2.10"], Assert.Single(again.Endpoints).Addresses);
    }

    [Fact]
    public async Task Edited_endpoints_are_reset_and_unchanged_ones_are_not_rewritten()
    {
        var endpoints = await Client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default");
        endpoints.Subsets[0].Addresses[0].Ip = "198.51.100.7";
        await Client.CoreV1.ReplaceNamespacedEndpointsAsync(endpoints, "kubernetes", "default");

        var reset = await Eventually.MatchesAsync(
            () => Client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default"),
            e => e.Subsets[0].Addresses[0].Ip == "192.0.2.10",
            "the edited Endpoints to be reset to the advertise address",
            TimeSpan.FromSeconds(5));

        // Several intervals later the object has not been written again.
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var later = await Client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default");
        Assert.Equal(reset.Metadata.ResourceVersion, later.Metadata.ResourceVersion);
    }

    private async Task<V1EndpointSlice?> TryReadSliceAsync()
    {
        try
        {
            return await Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("kubernetes", "default");
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
