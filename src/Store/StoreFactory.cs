using Orchestrator.Store.Etcd;
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
        const string etcd = "etcd://";
        if (connectionString.StartsWith(sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var path = connectionString[sqlite.Length..];
            if (path.Length == 0)
            {
                throw new ArgumentException("sqlite:// needs a file path, e.g. sqlite:///var/lib/orchestrator/state.db", nameof(connectionString));
            }

            return new SqliteStore(new SqliteStoreOptions { Path = path, TimeProvider = time });
        }

        if (connectionString.StartsWith(etcd, StringComparison.OrdinalIgnoreCase))
        {
            var rest = connectionString[etcd.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var hosts = slash < 0 ? rest : rest[..slash];
            var prefix = slash < 0 ? "" : rest[slash..].TrimEnd('/');
            var endpoints = hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (endpoints.Length == 0)
            {
                throw new ArgumentException("etcd:// needs at least one host:port, e.g. etcd://127.0.0.1:2379/registry", nameof(connectionString));
            }

            var uris = endpoints.Select(e => new Uri(e.Contains("://", StringComparison.Ordinal) ? e : "http://" + e, UriKind.Absolute)).ToList();
            return new EtcdStore(new EtcdStoreOptions(uris) { KeyPrefix = prefix, TimeProvider = time });
        }

        throw new ArgumentException($"unsupported store \"{connectionString}\": use sqlite://PATH or etcd://HOST:PORT[/PREFIX]", nameof(connectionString));
    }
}
