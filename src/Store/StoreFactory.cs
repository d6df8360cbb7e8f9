using Orchestrator.Store.Sqlite;

namespace Orchestrator.Store;

/// <summary>
/// Opens a store from a connection string whose scheme picks the backend:
/// <c>sqlite:///var/lib/orchestrator/state.db</c> (or <c>sqlite://relative/path.db</c>) and
/// <c>etcd://127.0.0.1:2379[,host:port...][/key-prefix]</c>.
/// </summary>
public static class StoreFactory
{
    /// <summary>Opens the store; throws <see cref="ArgumentException"/> for an unknown scheme or malformed string.</summary>
    public static IStore Open(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var time = timeProvider ?? TimeProvider.System;
        const string sqlite = "sqlite://";
        if (connectionString.StartsWith(sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var path = connectionString[sqlite.Length..];
            if (path.Length == 0)
            {
                throw new ArgumentException("sqlite:// needs a file path, e.g. sqlite:///var/lib/orchestrator/state.db", nameof(connectionString));
            }

            return new SqliteStore(new SqliteStoreOptions { Path = path, TimeProvider = time });
        }

        throw new ArgumentException($"unsupported store \"{connectionString}\": use sqlite://PATH or etcd://HOST:PORT[/PREFIX]", nameof(connectionString));
    }
}
