using k8s;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.Testing;

/// <summary>
/// A real API server on a fresh temporary SQLite store, in this process, on a free loopback port,
/// with an official <see cref="Kubernetes"/> client pointed at it. For integration tests of the
/// components that talk to the API server (scheduler, controllers, kubelet); dispose to stop and
/// delete everything.
/// </summary>
public sealed class InProcessApiServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly IStore _store;
    private readonly ApiServerHost _host;

    private InProcessApiServer(string directory, IStore store, ApiServerHost host)
    {
        _directory = directory;
        _store = store;
        _host = host;
        Client = CreateClient();
    }

    /// <summary>The server's store, for tests that look under the API.</summary>
    public IStore Store => _store;

    /// <summary>Where the server listens.</summary>
    public Uri Address => _host.Address;

    /// <summary>A client for the test body; components should get their own from <see cref="CreateClient"/>.</summary>
    public IKubernetes Client { get; }

    /// <summary>Starts a server; returns once it serves and the bootstrap objects exist.</summary>
    public static async Task<InProcessApiServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-it-").FullName;
        var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
        var host = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
        return new InProcessApiServer(directory, store, host);
    }

    /// <summary>A new client of the official library, as a separate component would have.</summary>
    public IKubernetes CreateClient() => new Kubernetes(new KubernetesClientConfiguration { Host = _host.Address.ToString(), AccessToken = "test" });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
