namespace Orchestrator.Store.Sqlite;

/// <summary>
/// The on-disk layout: one append-only log in which every write is a row whose primary key is its
/// revision (as in kine). The current value of a key is its newest row; a delete appends a
/// tombstone that keeps the deleted value. Compaction removes superseded rows.
/// </summary>
internal static class SqliteSchema
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS log (
            revision        INTEGER PRIMARY KEY,
            key             BLOB    NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision   INTEGER NOT NULL,
            deleted         INTEGER NOT NULL,
            expires_at      INTEGER,
            value           BLOB    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS log_key_revision ON log (key, revision);
        CREATE INDEX IF NOT EXISTS log_expires_at ON log (expires_at) WHERE expires_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS meta (
            name  TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO meta (name, value) VALUES ('compact_revision', 0);
        """;

    /// <summary>Connection string shared by the writer and the pooled readers.</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    /// <summary>Opens the writer connection: WAL, and a full fsync of the WAL on every commit.</summary>
    public static SqliteConnection OpenWriter(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, "PRAGMA synchronous = FULL;");
        Execute(connection, Ddl);
        return connection;
    }

    /// <summary>Opens a pooled reader connection.</summary>
    public static SqliteConnection OpenReader(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        return connection;
    }

    /// <summary>The newest revision on disk: the largest row or the compaction point, and at least 1.</summary>
    public static long ReadRevision(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(COALESCE((SELECT MAX(revision) FROM log), 0), (SELECT value FROM meta WHERE name = 'compact_revision'), 1);";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The compaction point as seen by <paramref name="connection"/>'s current transaction.</summary>
    public static long ReadCompactRevision(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE name = 'compact_revision';";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
