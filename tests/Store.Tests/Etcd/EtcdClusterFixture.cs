using Orchestrator.Store.Etcd;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Etcd;

/// <summary>One real three-member etcd cluster per test class; every store made from it names all three members and gets its own key prefix.</summary>
public sealed class EtcdClusterFixture : IAsyncLifetime
{
    private EtcdCluster? _cluster;

    public EtcdCluster Cluster => _cluster ?? throw new InvalidOperationException("the etcd cluster fixture has not started");

    /// <summary>A fresh, empty store on all three members, isolated from every other store by a unique prefix.</summary>
    internal EtcdStore NewStore(string? keyPrefix = null) =>
        new(new EtcdStoreOptions(Cluster.ClientUrls) { KeyPrefix = keyPrefix ?? $"/t-{Guid.NewGuid():N}" });

    public async Task InitializeAsync() => _cluster = await EtcdCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
