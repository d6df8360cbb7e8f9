using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Metrics.Serving;

/// <summary>
/// An API server scraping every 500 ms, with nodes: ready (a working <see cref="TestKubelet"/>), broken (Ready, its
/// kubelet answers 500) and notready (its kubelet works but it is not Ready); pods web (measured by the kubelet) and
/// idle (never measured) in namespace <see cref="Namespace"/>.
/// </summary>
public sealed class MetricsServerFixture : IAsyncLifetime
{
    public const string Namespace = "metrics-it";

    private string _directory = "";
    private IStore? _store;
    private ApiServerHost? _host;
    private TestKubelet? _kubelet;
    private TestKubelet? _broken;

    public HttpClient Http { get; private set; } = null!;

    internal TestKubelet Broken => _broken!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("orchestrator-metrics-").FullName;
        _store = StoreFactory.Open("sqlite://" + Path.Combine(_directory, "state.db"));
        _host = await ApiServerHost.StartAsync(_store, new ApiServerOptions { Port = 0, MetricResolution = TimeSpan.FromMilliseconds(500) });
        Http = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(30) };
        _kubelet = await TestKubelet.StartAsync(Namespace);
        _broken = await TestKubelet.StartAsync(Namespace, failing: true);
        await CreateAsync("/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{Namespace}}}"}}""");
        await CreateAsync("/api/v1/nodes", Node("ready", _kubelet.Port, ready: true));
        await CreateAsync("/api/v1/nodes", Node("broken", _broken.Port, ready: true));
        await CreateAsync("/api/v1/nodes", Node("notready", _kubelet.Port, ready: false));
        await CreateAsync($"/api/v1/namespaces/{Namespace}/pods", Pod("web", "web"));
        await CreateAsync($"/api/v1/namespaces/{Namespace}/pods", Pod("idle", "idle"));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }

        if (_broken is not null)
        {
            await _broken.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>GETs <paramref name="path"/>; the body parsed when it is a JSON object.</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body)> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null);
    }

    /// <summary>Waits until node ready and pod web have metrics (two scrapes).</summary>
    public Task WaitForMetricsAsync() => Eventually.TrueAsync(
        async () => (await GetAsync("/apis/metrics.k8s.io/v1beta1/nodes/ready")).Status == HttpStatusCode.OK
            && (await GetAsync($"/apis/metrics.k8s.io/v1beta1/namespaces/{Namespace}/pods/web")).Status == HttpStatusCode.OK,
        "metrics of node ready and pod web");

    private async Task CreateAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(path, content);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Node(string name, int port, bool ready) => $$$"""
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{name}}}","labels":{"role":"{{{name}}}"}},
         "status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}],
                   "daemonEndpoints":{"kubeletEndpoint":{"Port":{{{port}}}}},
                   "conditions":[{"type":"Ready","status":"{{{(ready ? "True" : "False")}}}"}]}}
        """;

    private static string Pod(string name, string app) => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{"app":"{{{app}}}"}},
         "spec":{"nodeName":"ready","containers":[{"name":"app","image":"busybox"}]}}
        """;
}
