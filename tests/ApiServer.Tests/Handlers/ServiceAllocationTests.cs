using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>
/// Every way of creating a Service reserves its cluster IP and node ports, as POST does: server-side
/// apply of a missing Service (kubectl apply --server-side) and a PUT that creates.
/// </summary>
public sealed class ServiceAllocationTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Services = "/api/v1/namespaces/default/services";
    private const string Apply = "application/apply-patch+yaml";

    [Fact]
    public async Task Server_side_apply_of_a_ClusterIP_service_allocates_a_cluster_IP()
    {
        var (status, created, _) = await api.SendAsync(HttpMethod.Patch, $"{Services}/ssa-clusterip?fieldManager=kubectl", Manifest("ssa-clusterip", "ClusterIP"), Apply);

        Assert.Equal(HttpStatusCode.Created, status);
        var ip = created!["spec"]!["clusterIP"]!.GetValue<string>();
        Assert.True(InServiceRange(ip), ip);
        Assert.Equal(ip, Assert.Single(created["spec"]!["clusterIPs"]!.AsArray())!.GetValue<string>());
        var (_, stored, _) = await api.SendAsync(HttpMethod.Get, $"{Services}/ssa-clusterip");
        Assert.Equal(ip, stored!["spec"]!["clusterIP"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_side_apply_of_a_NodePort_service_allocates_a_node_port()
    {
        var (status, created, _) = await api.SendAsync(HttpMethod.Patch, $"{Services}/ssa-nodeport?fieldManager=kubectl", Manifest("ssa-nodeport", "NodePort"), Apply);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(InServiceRange(created!["spec"]!["clusterIP"]!.GetValue<string>()));
        var nodePort = created["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();
        Assert.InRange(nodePort, 30000, 32767);
    }

    [Fact]
    public async Task Apply_and_POST_never_hand_out_the_same_address()
    {
        var (_, applied, _) = await api.SendAsync(HttpMethod.Patch, $"{Services}/ssa-unique?fieldManager=kubectl", Manifest("ssa-unique", "NodePort"), Apply);
        var (_, posted, _) = await api.SendAsync(HttpMethod.Post, Services, Json("post-unique", "NodePort"));

        Assert.NotEqual(applied!["spec"]!["clusterIP"]!.GetValue<string>(), posted!["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.NotEqual(applied["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>(), posted["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_dry_run_apply_allocates_nothing_and_stores_nothing()
    {
        var (status, _, _) = await api.SendAsync(HttpMethod.Patch, $"{Services}/ssa-dry?fieldManager=kubectl&dryRun=All", Manifest("ssa-dry", "ClusterIP"), Apply);
        var (missing, _, _) = await api.SendAsync(HttpMethod.Get, $"{Services}/ssa-dry");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task A_PUT_that_creates_a_service_allocates_as_POST_does()
    {
        var (status, created, _) = await api.SendAsync(HttpMethod.Put, $"{Services}/put-nodeport", Json("put-nodeport", "NodePort"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(InServiceRange(created!["spec"]!["clusterIP"]!.GetValue<string>()));
        Assert.InRange(created["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>(), 30000, 32767);
    }

    /// <summary>10.96.0.0/12, the allocator's range.</summary>
    private static bool InServiceRange(string ip) =>
        IPAddress.TryParse(ip, out var address) && address.GetAddressBytes() is [10, var second, _, _] && (second & 0xF0) == 96;

    private static string Manifest(string name, string type) =>
        $"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  type: {type}\n  selector: {{app: web}}\n  ports:\n  - port: 80\n    targetPort: 8080\n";

    private static string Json(string name, string type) =>
        new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["type"] = type,
                ["selector"] = new JsonObject { ["app"] = "web" },
                ["ports"] = new JsonArray(new JsonObject { ["port"] = 80, ["targetPort"] = 8080 }),
            },
        }.ToJsonString();
}
