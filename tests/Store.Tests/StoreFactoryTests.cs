using Orchestrator.Store;
using Orchestrator.Store.Etcd;
using Orchestrator.Store.Sqlite;

namespace Orchestrator.Store.Tests;

public sealed class StoreFactoryTests
{
    [Fact]
    public async Task The_scheme_picks_the_backend()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("orchestrator-factory-").FullName, "state.db");
        await using (var sqlite = StoreFactory.Open("sqlite://" + path))
        {
            Assert.IsType<SqliteStore>(sqlite);
        }

        await using var etcd = StoreFactory.Open("etcd://127.0.0.1:2379,127.0.0.2:2379/registry");
        Assert.IsType<EtcdStore>(etcd);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("postgres://localhost/db")]
    [InlineData("sqlite://")]
    [InlineData("etcd://")]
    public void Unknown_or_incomplete_urls_are_rejected_with_a_clear_error(string url) =>
        Assert.ThrowsAny<ArgumentException>(() => StoreFactory.Open(url));
}
