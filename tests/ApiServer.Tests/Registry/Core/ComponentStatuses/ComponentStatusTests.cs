using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Registry.Core.ComponentStatuses;

/// <summary><c>/api/v1/componentstatuses</c> through an in-process API server: read-only, deprecated, upstream's table.</summary>
public sealed class ComponentStatusTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task The_list_has_scheduler_controller_manager_and_etcd_0_with_the_deprecation_warning()
    {
        await RenewLeaseAsync("kube-scheduler");

        var (status, list, response) = await api.SendAsync(HttpMethod.Get, "/api/v1/componentstatuses");
        var items = list!["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => i["metadata"]!["name"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ComponentStatusList", list["kind"]!.GetValue<string>());
        Assert.Equal(["controller-manager", "etcd-0", "scheduler"], items.Keys.Order());
        Assert.Equal("True", items["scheduler"]["conditions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("True", items["etcd-0"]["conditions"]![0]!["status"]!.GetValue<string>());
        Assert.Contains("299 - \"v1 ComponentStatus is deprecated in v1.19+\"", response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Get_by_name_works_and_an_unknown_component_is_upstream_s_500()
    {
        var (status, etcd, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/componentstatuses/etcd-0");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ComponentStatus", etcd!["kind"]!.GetValue<string>());

        var (unknown, body, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/componentstatuses/nothing");
        Assert.Equal(HttpStatusCode.InternalServerError, unknown);
        Assert.Equal("Component not found: nothing", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Writes_are_method_not_allowed_and_discovery_lists_get_and_list_with_the_short_name_cs()
    {
        var (delete, _, _) = await api.SendAsync(HttpMethod.Delete, "/api/v1/componentstatuses/etcd-0");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete);

        var (_, resources, _) = await api.SendAsync(HttpMethod.Get, "/api/v1");
        var cs = resources!["resources"]!.AsArray().OfType<JsonObject>().Single(r => r["name"]!.GetValue<string>() == "componentstatuses");
        Assert.Equal("ComponentStatus", cs["kind"]!.GetValue<string>());
        Assert.False(cs["namespaced"]!.GetValue<bool>());
        Assert.Equal(["get", "list"], cs["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["cs"], cs["shortNames"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task The_table_has_upstream_s_columns()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/componentstatuses/etcd-0");
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        using var response = await api.Http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(["Name", "Status", "Message", "Error"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["etcd-0", "Healthy", "{\"health\":\"true\",\"reason\":\"\"}", ""], table["rows"]![0]!["cells"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    private async Task RenewLeaseAsync(string name)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        var lease = $$$"""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"{{{name}}}"},"spec":{"holderIdentity":"test","leaseDurationSeconds":60,"renewTime":"{{{now}}}"}}""";
        var (status, _, _) = await api.SendAsync(HttpMethod.Post, "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", lease);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"lease create answered {status}");
    }
}
