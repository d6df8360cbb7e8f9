using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>One orchestrator process on the embedded SQLite store for a test class.</summary>
public sealed class SqliteServerFixture : IAsyncLifetime
{
    /// <summary>The API server alone: the API tests drive objects by hand, with no controller acting on them.</summary>
    public static readonly string[] ApiOnly = ["--scheduler", "false", "--controller-manager", "false"];

    public OrchestratorProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await OrchestratorProcess.StartAsync(null, null, ApiOnly);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>One orchestrator process on a real etcd for a test class.</summary>
public sealed class EtcdServerFixture : IAsyncLifetime
{
    private EtcdServer? _etcd;

    public OrchestratorProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _etcd = await EtcdServer.StartAsync();
        Server = await OrchestratorProcess.StartAsync($"etcd://{_etcd.ClientUrl.Authority}/registry", null, SqliteServerFixture.ApiOnly);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }
    }
}
