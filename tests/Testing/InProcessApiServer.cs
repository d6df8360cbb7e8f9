using k8s;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Connection;
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
    private readonly TestPki? _pki;

    private InProcessApiServer(string directory, IStore store, ApiServerHost host, TestPki? pki)
    {
        _directory = directory;
        _pki = pki;
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
    public static Task<InProcessApiServer> StartAsync() => StartAsync(null, null);

    /// <summary>
    /// Starts a server with TLS, authentication and authorization from <paramref name="pki"/>
    /// (<see cref="TestPki.Security"/>); <see cref="Client"/> and <see cref="CreateClient"/> are then
    /// administrators (client certificate in system:masters), <see cref="TestPki.Client"/> makes others.
    /// </summary>
    public static Task<InProcessApiServer> StartSecureAsync(TestPki pki, params string[] authorizationModes) =>
        StartAsync(pki, pki.Security(authorizationModes));

    /// <summary>Starts a server with the given security (null: plain HTTP, no authentication).</summary>
    public static async Task<InProcessApiServer> StartAsync(TestPki? pki, ApiServerSecurity? security)
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-it-").FullName;
        var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
        var host = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0, Security = security });
        return new InProcessApiServer(directory, store, host, pki);
    }

    /// <summary>A new client of the official library, as a separate component would have.</summary>
    public IKubernetes CreateClient() => _pki is { } pki
        ? pki.AdminClient(_host.Address)
        : KubernetesClients.Create(new KubernetesClientConfiguration { Host = _host.Address.ToString(), AccessToken = "test" });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
