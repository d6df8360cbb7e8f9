using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>nodes/{name}/proxy/{path} through an in-process API server to a kubelet server on loopback.</summary>
public sealed class NodeProxyTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>, IAsyncLifetime
{
    private readonly KubeletServer _kubelet = new(new CriStreamingRuntime(), new KubeletServerOptions { BindAddress = IPAddress.Loopback, Port = 0 });
    private readonly string _node = "proxied-" + Guid.NewGuid().ToString("N")[..6];

    public async Task InitializeAsync()
    {
        await _kubelet.StartAsync();
        await CreateNodeAsync(_node, "127.0.0.1", _kubelet.Port);
    }

    public async Task DisposeAsync() => await _kubelet.DisposeAsync();

    [Fact]
    public async Task A_get_reaches_the_kubelet_by_name_and_by_name_and_kubelet_port()
    {
        var (status, _, response) = await api.SendAsync(HttpMethod.Get, $"/api/v1/nodes/{_node}/proxy/healthz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());

        var (withPort, _, portResponse) = await api.SendAsync(HttpMethod.Get, $"/api/v1/nodes/{_node}:{_kubelet.Port}/proxy/healthz");
        Assert.Equal(HttpStatusCode.OK, withPort);
        Assert.Equal("ok", await portResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_kubelet_s_own_404_comes_back_as_it_is()
    {
        var (status, _, response) = await api.SendAsync(HttpMethod.Get, $"/api/v1/nodes/{_node}/proxy/stats/summary");

        // This kubelet has no stats: its 404, not a Status of the API server's.
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("\"kind\":\"Status\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_nodes_unreachable_kubelets_and_nodes_without_addresses_are_answered_as_upstream_and_patch_is_relayed()
    {
        var (missing, missingBody, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/nodes/no-such-node/proxy/healthz");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("nodes \"no-such-node\" not found", missingBody!["message"]!.GetValue<string>());

        var closed = "closed-" + Guid.NewGuid().ToString("N")[..6];
        await CreateNodeAsync(closed, "127.0.0.1", ClosedPort());
        var (unreachable, unreachableBody, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/nodes/{closed}/proxy/healthz");
        Assert.Equal(HttpStatusCode.InternalServerError, unreachable);
        Assert.StartsWith("error trying to reach service: ", unreachableBody!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var bare = "bare-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/api/v1/nodes", NodeJson(bare, null).ToJsonString())).Status);
        var (noAddress, noAddressBody, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/nodes/{bare}/proxy/healthz");
        Assert.Equal(HttpStatusCode.InternalServerError, noAddress);
        Assert.Contains("no preferred addresses found; known addresses: []", noAddressBody!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // PATCH is one of upstream's proxy methods: relayed, and this kubelet's own 405 comes back (not a Status of ours).
        var (patch, patchBody, _) = await api.SendAsync(HttpMethod.Patch, $"/api/v1/nodes/{_node}/proxy/healthz", "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch);
        Assert.Null(patchBody);
    }

    [Fact]
    public async Task Discovery_lists_nodes_proxy_with_upstream_s_verbs()
    {
        var (_, list, _) = await api.SendAsync(HttpMethod.Get, "/api/v1");
        var proxy = list!["resources"]!.AsArray().OfType<JsonObject>().Single(r => r["name"]!.GetValue<string>() == "nodes/proxy");

        Assert.Equal("NodeProxyOptions", proxy["kind"]!.GetValue<string>());
        Assert.Equal("create,delete,get,patch,update", string.Join(',', proxy["verbs"]!.AsArray().Select(v => v!.GetValue<string>())));
    }

    private async Task CreateNodeAsync(string name, string address, int port)
    {
        var node = NodeJson(name, new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = address }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = port } },
        });
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/api/v1/nodes", node.ToJsonString())).Status);
    }

    private static JsonObject NodeJson(string name, JsonObject? status) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["status"] = status,
    };

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
