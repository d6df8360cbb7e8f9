using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>One orchestrator process on the embedded SQLite store for a test class.</summary>
public sealed class SqliteServerFixture : IAsyncLifetime
{
    /// <summary>The API server alone: the API tests drive objects by hand, with no controller acting on them.</summary>
    public static readonly string[] ApiOnly = ["--scheduler", "false", "--controller-manager", "false"];

    public OrchestratorProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await OrchestratorProcess.StartAsync(null, null, ApiOnly);
        await CreateDefaultServiceAccountAsync(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>
    /// Without a controller manager nobody creates default/default, which pods need (ServiceAccount
    /// admission, as upstream): the API-only fixtures create it as the controller would.
    /// </summary>
    public static async Task CreateDefaultServiceAccountAsync(OrchestratorProcess server)
    {
        using var http = server.CreateHttpClient();
        using var body = new StringContent("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/v1/namespaces/default/serviceaccounts", body);
        if ((int)response.StatusCode is not (201 or 409))
        {
            throw new InvalidOperationException($"creating default/default failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
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
        await SqliteServerFixture.CreateDefaultServiceAccountAsync(Server);
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
