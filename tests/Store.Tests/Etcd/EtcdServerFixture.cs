using Orchestrator.Store.Etcd;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Etcd;

/// <summary>One real etcd per test class; every store made from it gets its own key prefix.</summary>
public sealed class EtcdServerFixture : IAsyncLifetime
{
    private EtcdServer? _server;

    public EtcdServer Server => _server ?? throw new InvalidOperationException("the etcd fixture has not started");

    /// <summary>A fresh, empty store isolated from every other store on this etcd by a unique prefix.</summary>
    internal EtcdStore NewStore(TimeProvider? time = null) =>
        new(new EtcdStoreOptions([Server.ClientUrl])
        {
            KeyPrefix = $"/t-{Guid.NewGuid():N}",
            TimeProvider = time ?? TimeProvider.System,
        });

    public async Task InitializeAsync() => _server = await EtcdServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
