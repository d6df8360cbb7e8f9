using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Operations;

/// <summary>
/// A three-member etcd cluster with two `orchestrator up` API servers on it (API only, each its own
/// data directory and certificates), both given all three members in the store URL, like two
/// kube-apiservers in front of one etcd.
/// </summary>
public sealed class EtcdClusterFixture : IAsyncLifetime
{
    private EtcdCluster? _etcd;

    public EtcdCluster Etcd => _etcd ?? throw new InvalidOperationException("not started");

    public OrchestratorProcess First { get; private set; } = null!;

    public OrchestratorProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _etcd = await EtcdCluster.StartAsync();
        var store = _etcd.StoreUrl("/registry");
        First = await OrchestratorProcess.StartAsync(store, null, SqliteServerFixture.ApiOnly);
        Second = await OrchestratorProcess.StartAsync(store, null, SqliteServerFixture.ApiOnly);
        await SqliteServerFixture.CreateDefaultServiceAccountAsync(First);
    }

    public async Task DisposeAsync()
    {
        if (Second is not null)
        {
            await Second.DisposeAsync();
        }

        if (First is not null)
        {
            await First.DisposeAsync();
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }
    }
}
