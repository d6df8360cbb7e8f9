namespace Orchestrator.Kubelet.Network;

/// <summary>
/// Masquerade for pod traffic leaving the cluster network (ip-masq-agent / flannel style): one nftables table per
/// node with a srcnat postrouting chain, <c>ip saddr CLUSTER ip daddr != CLUSTER masquerade</c>. Traffic between
/// pods, on this node or another, keeps its source IP. Applied with <c>nft -f</c> as one transaction that
/// replaces the whole table, so a re-apply is idempotent and never leaves a half-written table.
/// </summary>
internal sealed class PodMasquerade(string tableName, Ipv4Cidr clusterCidr, HostCommandRunner run)
{
    private const string Family = "ip";

    public string TableName { get; } = ValidTableName(tableName);

    /// <summary>
    /// The table name of the node whose CNI bridge is <paramref name="bridgeName"/> (unique per node, even when several
    /// nodes share one network namespace).
    /// </summary>
    public static string TableNameFor(string bridgeName) => bridgeName + "-masq";

    /// <summary>The <c>nft -f</c> script: create-if-missing, delete, then the table as it must be.</summary>
    public static string Render(string tableName, Ipv4Cidr clusterCidr) => $$"""
        table {{Family}} {{tableName}} {
        }
        delete table {{Family}} {{tableName}}
        table {{Family}} {{tableName}} {
            chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip saddr {{clusterCidr}} ip daddr != {{clusterCidr}} masquerade
            }
        }

        """;

    /// <summary>Creates or replaces the table.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var result = await run("nft", ["-f", "-"], Render(TableName, clusterCidr), cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"nft -f (table {Family} {TableName}) exited with {result.ExitCode}: {result.StandardError.Trim()}");
        }
    }

    /// <summary>Deletes the table; true when it existed and is gone, false when there was none.</summary>
    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
        var result = await run("nft", ["delete", "table", Family, TableName], null, cancellationToken);
        if (result.Succeeded)
        {
            return true;
        }

        return result.StandardError.Contains("No such file or directory", StringComparison.Ordinal)
            ? false
            : throw new InvalidOperationException($"nft delete table {Family} {TableName} exited with {result.ExitCode}: {result.StandardError.Trim()}");
    }

    private static string ValidTableName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{name}' is not an nftables table name (a letter, then letters, digits, '-', '_' or '.')", nameof(name));
        }

        return name;
    }
}
