using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.OpenApi;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>A real Kestrel server on a loopback port serving the OpenAPI endpoints (and bare legacy discovery for kubectl); shared by a test class.</summary>
public sealed class OpenApiServer : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The bound base address, http://127.0.0.1:port.</summary>
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.MapOpenApi(ResourceRegistry.BuiltIn);
        LegacyDiscovery.Map(_app, ResourceRegistry.BuiltIn);
        await _app.StartAsync();
        Address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
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
