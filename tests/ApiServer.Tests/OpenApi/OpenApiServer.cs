using Microsoft.AspNetCore.Builder;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>A <see cref="LoopbackHost"/> shared by a test class.</summary>
public sealed class OpenApiServer : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The bound base address, http://127.0.0.1:port.</summary>
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        (_app, Address) = await LoopbackHost.StartAsync();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Address) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
