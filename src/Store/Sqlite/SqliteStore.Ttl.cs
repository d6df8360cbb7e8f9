namespace Orchestrator.Store.Sqlite;

/// <summary>TTL support: finding keys whose current value has expired.</summary>
internal sealed partial class SqliteStore
{
    /// <summary>Live keys whose newest value expired at or before <paramref name="nowUnixMs"/>, with that value's revision.</summary>
    internal List<(string Key, long Revision)> ReadExpired(long nowUnixMs)
    {
        using var connection = SqliteSchema.OpenReader(_options.Path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT l.key, l.revision FROM log AS l
            WHERE l.expires_at IS NOT NULL AND l.expires_at <= $now AND l.deleted = 0
              AND l.revision = (SELECT MAX(x.revision) FROM log AS x WHERE x.key = l.key)
            LIMIT 10000;
            """;
        command.Parameters.AddWithValue("$now", nowUnixMs);
        var expired = new List<(string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            expired.Add((Encoding.UTF8.GetString((byte[])reader.GetValue(0)), reader.GetInt64(1)));
        }

        return expired;
    }
}
