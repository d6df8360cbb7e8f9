namespace Orchestrator.Host.Commands;

/// <summary>`token list` as kubeadm prints it: TOKEN TTL EXPIRES USAGES DESCRIPTION EXTRA GROUPS.</summary>
internal static class TokenTable
{
    public static string Format(IReadOnlyList<BootstrapTokenSecret> tokens, DateTimeOffset now)
    {
        string[][] rows =
        [
            ["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"],
            .. tokens.Select(t => new[]
            {
                t.Token.ToString(),
                Ttl(t.Expires, now),
                t.Expires is { } e ? e.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "<never>",
                string.Join(",", t.Usages),
                t.Description.Length == 0 ? "<none>" : t.Description,
                string.Join(",", t.ExtraGroups),
            }),
        ];
        return TextTable.Format(rows);
    }

    /// <summary>kubeadm's TTL cell: the time left rounded down to a whole unit ("23h", "59m", "<forever>", "<invalid>" once past).</summary>
    public static string Ttl(DateTimeOffset? expires, DateTimeOffset now)
    {
        if (expires is not { } e)
        {
            return "<forever>";
        }

        var left = e - now;
        return left <= TimeSpan.Zero ? "<invalid>"
            : left.TotalHours >= 1 ? ((int)left.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
            : left.TotalMinutes >= 1 ? ((int)left.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
            : ((int)left.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
