using Orchestrator.Store;
using Orchestrator.Store.Sqlite;
using Orchestrator.Store.Tests.Conformance;

namespace Orchestrator.Store.Tests.Sqlite;

/// <summary>The conformance suite on the embedded SQLite backend, one database file per store.</summary>
public sealed class SqliteStoreTests : StoreConformanceTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-sqlite-").FullName;

    protected override Task<IStore> CreateStoreAsync() =>
        Task.FromResult<IStore>(new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_directory, $"{Guid.NewGuid():N}.db") }));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
