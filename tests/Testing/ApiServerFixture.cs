using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Store;
using Xunit;

namespace Orchestrator.Testing;

/// <summary>
/// One <see cref="InProcessApiServer"/> shared by the tests of a class (an xunit class fixture), with
/// the official client, a raw <see cref="HttpClient"/> and the store under it. Tests that change
/// shared state use their own namespace (<see cref="NewNamespaceAsync"/>).
/// </summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private InProcessApiServer? _api;
    private int _namespaces;

    public InProcessApiServer Api => _api ?? throw new InvalidOperationException("not started");

    /// <summary>The official client.</summary>
    public IKubernetes Client => Api.Client;

    /// <summary>Plain HTTP to the server; redirects are returned to the test, not followed.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where the server listens, http://127.0.0.1:port/.</summary>
    public Uri Address => Api.Address;

    public IStore Store => Api.Store;

    public async Task InitializeAsync()
    {
        _api = await InProcessApiServer.StartAsync();
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _api.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    /// <summary>Creates a fresh namespace for one test.</summary>
    public async Task<string> NewNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>Sends one request; the body is parsed when it is a JSON object.</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null;
        return (response.StatusCode, json, response);
    }
}
