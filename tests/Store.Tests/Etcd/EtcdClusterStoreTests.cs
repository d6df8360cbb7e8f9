using Orchestrator.Store;
using Orchestrator.Store.Tests.Conformance;

namespace Orchestrator.Store.Tests.Etcd;

/// <summary>The conformance suite on a three-member etcd cluster, every store given all three endpoints.</summary>
public sealed class EtcdClusterStoreTests(EtcdClusterFixture etcd) : StoreConformanceTests, IClassFixture<EtcdClusterFixture>
{
    protected override Task<IStore> CreateStoreAsync() => Task.FromResult<IStore>(etcd.NewStore());
}
