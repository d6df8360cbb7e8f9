using Orchestrator.Store;
using Orchestrator.Store.Tests.Conformance;

namespace Orchestrator.Store.Tests.Etcd;

/// <summary>The conformance suite on real etcd: one etcd process for the class, one key prefix per store.</summary>
public sealed class EtcdStoreTests(EtcdServerFixture etcd) : StoreConformanceTests, IClassFixture<EtcdServerFixture>
{
    protected override Task<IStore> CreateStoreAsync() => Task.FromResult<IStore>(etcd.NewStore());
}
