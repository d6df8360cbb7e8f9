using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>
/// services/{id}/proxy and pods/{id}/proxy through an in-process API server to an HTTP server on loopback (a Service's
/// endpoint may be any address; a pod must have a global unicast IP, so the pods proxy to a real pod is in
/// E2E.Tests/Containers/ProxyTests).
/// </summary>
public sealed class ProxySubresourceTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>, IAsyncLifetime
{
    private ProxyBackend _backend = null!;
    private string _ns = "";

    private string Web => $"/api/v1/namespaces/{_ns}/services/web:80/proxy";

    public async Task InitializeAsync()
    {
        _backend = await ProxyBackend.StartAsync();
        _ns = await api.NewNamespaceAsync("proxy");
        await CreateAsync("pods", $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        await SetPodIpAsync("web-0", "127.0.0.1");
        await CreateAsync("services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"name":"http","port":80}]}}""");
        await CreateAsync("endpoints", $$$"""
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web"},"subsets":[{"addresses":[{"ip":"127.0.0.1","targetRef":{"kind":"Pod","namespace":"{{{_ns}}}","name":"web-0"}}],"ports":[{"name":"http","port":{{{_backend.Port}}}}]}]}
            """);
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task The_rest_of_the_path_and_the_query_reach_the_endpoint_without_the_client_s_credentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Web + "/echo/a/../b/?x=1&y=%2F");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "secret-token");
        request.Headers.Add("Impersonate-User", "someone");
        using var response = await api.Http.SendAsync(request);
        var echo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/echo/b/", echo["path"]!.GetValue<string>());
        Assert.Equal("?x=1&y=%2F", echo["query"]!.GetValue<string>());
        Assert.Null(echo["headers"]!["authorization"]);
        Assert.Null(echo["headers"]!["impersonate-user"]);
        Assert.Equal(Web + "/echo/b/", echo["headers"]!["x-forwarded-uri"]!.GetValue<string>());
        Assert.Equal("echo", response.Headers.GetValues("X-Backend").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "CORS headers of the backend are dropped");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task Every_proxy_method_is_relayed_with_its_body(string method)
    {
        var (status, echo, _) = await api.SendAsync(new HttpMethod(method), Web + "/echo/m", "{\"sent\":true}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(method, echo!["method"]!.GetValue<string>());
        Assert.Equal("{\"sent\":true}", echo["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Head_is_relayed_without_a_body()
    {
        var (status, _, response) = await api.SendAsync(HttpMethod.Head, Web + "/echo/h");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("echo", response.Headers.GetValues("X-Backend").Single());
    }

    [Fact]
    public async Task A_bare_proxy_root_is_redirected_to_its_slash_form_and_redirects_are_moved_under_the_prefix()
    {
        var (root, _, rootResponse) = await api.SendAsync(HttpMethod.Get, Web + "?a=b");
        Assert.Equal(HttpStatusCode.MovedPermanently, root);
        Assert.Equal(Web + "/?a=b", rootResponse.Headers.Location!.OriginalString);

        var (moved, _, movedResponse) = await api.SendAsync(HttpMethod.Get, Web + "/moved");
        Assert.Equal(HttpStatusCode.Redirect, moved);
        Assert.Equal(Web + "/target/", movedResponse.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Links_in_an_html_page_are_moved_under_the_prefix()
    {
        var page = await api.Http.GetStringAsync(Web + "/page");

        Assert.Equal($"<html><body><a href=\"{Web}/docs/\">docs</a> <img src=\"logo.png\"></body></html>", page);
    }

    [Fact]
    public async Task The_service_name_alone_and_the_port_name_reach_the_same_endpoint()
    {
        // The Service's only port is named, so "web" (the unnamed port) has no endpoint; "web:http" has.
        var (named, echo, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{_ns}/services/http:web:http/proxy/echo/n");
        Assert.Equal(HttpStatusCode.OK, named);
        Assert.Equal("/echo/n", echo!["path"]!.GetValue<string>());

        var (unnamed, body, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{_ns}/services/web/proxy/echo/n");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unnamed);
        Assert.Equal("no endpoints available for service \"web\"", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_websocket_is_relayed_both_ways()
    {
        using var socket = new ClientWebSocket();
        var uri = new UriBuilder(new Uri(api.Address, Web + "/ws")) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal("echo: hello", Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task Errors_are_answered_with_upstream_s_statuses_and_messages()
    {
        await Expect(HttpStatusCode.ServiceUnavailable, "no service port 81 found for service \"web\"", $"/api/v1/namespaces/{_ns}/services/web:81/proxy/");
        await Expect(HttpStatusCode.NotFound, "services \"nothing\" not found", $"/api/v1/namespaces/{_ns}/services/nothing:80/proxy/");
        await Expect(HttpStatusCode.NotFound, "endpoints \"nothing\" not found", $"/api/v1/namespaces/{_ns}/services/nothing:http/proxy/");
        await Expect(HttpStatusCode.BadRequest, "invalid service request \"a:b:c:d\"", $"/api/v1/namespaces/{_ns}/services/a:b:c:d/proxy/");
        await Expect(HttpStatusCode.NotFound, "pods \"nothing\" not found", $"/api/v1/namespaces/{_ns}/pods/nothing/proxy/");
        await Expect(HttpStatusCode.BadRequest, "address not allowed", $"/api/v1/namespaces/{_ns}/pods/web-0:80/proxy/");

        await CreateAsync("services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"gone"},"spec":{"ports":[{"port":80}]}}""");
        await CreateAsync("endpoints", $$$"""
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"gone"},"subsets":[{"addresses":[{"ip":"127.0.0.1","targetRef":{"kind":"Pod","namespace":"{{{_ns}}}","name":"web-0"}}],"ports":[{"port":{{{ClosedPort()}}}}]}]}
            """);
        var (unreachable, body, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{_ns}/services/gone:80/proxy/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unreachable);
        Assert.Equal("ServiceUnavailable", body!["reason"]!.GetValue<string>());
        Assert.StartsWith("error trying to reach service: ", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_whose_pod_no_longer_has_its_ip_is_not_used()
    {
        await CreateAsync("pods", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"moved"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        await SetPodIpAsync("moved", "10.9.9.9");
        await CreateAsync("services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"stale"},"spec":{"ports":[{"port":80}]}}""");
        await CreateAsync("endpoints", $$$"""
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"stale"},"subsets":[{"addresses":[{"ip":"127.0.0.1","targetRef":{"kind":"Pod","namespace":"{{{_ns}}}","name":"moved"}}],"ports":[{"port":{{{_backend.Port}}}}]}]}
            """);

        await Expect(HttpStatusCode.ServiceUnavailable, "no endpoints available for service \"stale:80\"", $"/api/v1/namespaces/{_ns}/services/stale:80/proxy/");
    }

    [Fact]
    public async Task Discovery_lists_pods_proxy_and_services_proxy_with_upstream_s_kinds_and_verbs()
    {
        var (_, list, _) = await api.SendAsync(HttpMethod.Get, "/api/v1");
        var resources = list!["resources"]!.AsArray().OfType<JsonObject>().ToDictionary(r => r["name"]!.GetValue<string>());

        Assert.Equal("PodProxyOptions", resources["pods/proxy"]["kind"]!.GetValue<string>());
        Assert.Equal("ServiceProxyOptions", resources["services/proxy"]["kind"]!.GetValue<string>());
        foreach (var name in new[] { "pods/proxy", "services/proxy" })
        {
            Assert.Equal("create,delete,get,patch,update", string.Join(',', resources[name]["verbs"]!.AsArray().Select(v => v!.GetValue<string>())));
        }
    }

    private async Task Expect(HttpStatusCode status, string message, string path)
    {
        var (actual, body, _) = await api.SendAsync(HttpMethod.Get, path);
        Assert.Equal(status, actual);
        Assert.Equal(message, body!["message"]!.GetValue<string>());
    }

    private async Task CreateAsync(string plural, string json) =>
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{_ns}/{plural}", json)).Status);

    private async Task SetPodIpAsync(string pod, string ip)
    {
        var patch = $$$"""{"status":{"podIP":"{{{ip}}}","podIPs":[{"ip":"{{{ip}}}"}]}}""";
        var (status, _, _) = await api.SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{_ns}/pods/{pod}/status", patch, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
