using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>The real API server (over a throwaway SQLite store) shared by a test class.</summary>
public sealed class OpenApiServer : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-openapi-").FullName;
    private IStore? _store;
    private ApiServerHost? _host;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The bound base address, http://127.0.0.1:port.</summary>
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _store = StoreFactory.Open("sqlite://" + Path.Combine(_directory, "state.db"));
        _host = await ApiServerHost.StartAsync(_store, new ApiServerOptions { Port = 0 });
        Address = _host.Address.GetLeftPart(UriPartial.Authority);
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Address };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
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
}
