using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>The API server in-process on a free loopback port over a real SQLite store, plus an HTTP client.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-api-").FullName;
    private ApiServerHost? _host;

    public IStore Store { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = StoreFactory.Open("sqlite://" + Path.Combine(_directory, "state.db"));
        _host = await ApiServerHost.StartAsync(Store, new ApiServerOptions { Port = 0 });
        Http = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null;
        return (response.StatusCode, json, response);
    }
}
