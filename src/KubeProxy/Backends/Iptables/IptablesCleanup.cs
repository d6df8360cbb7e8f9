namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// Removes everything the proxy programs in one flavor: every rule in a built-in chain that jumps to a KUBE-*
/// chain is deleted, then every KUBE-* chain of filter, nat and mangle is flushed and deleted, one
/// <c>iptables-restore --noflush</c> per table (so it works whether or not this process wrote them).
/// </summary>
internal static class IptablesCleanup
{
    private static readonly string[] Tables = ["filter", "nat", "mangle"];

    public static async Task CleanupAsync(IptablesHost host, IptablesFlavor flavor, CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            var save = await host.RunAsync(flavor.Save, ["-t", table], null, cancellationToken);
            if (!save.Succeeded)
            {
                // The table does not exist in this flavor (nothing was ever written there).
                continue;
            }

            var script = Script(table, save.StandardOutput);
            if (script is not null)
            {
                await host.RunCheckedAsync(flavor.Restore, ["--noflush", "--counters", "-w"], script, cancellationToken);
            }
        }
    }

    /// <summary>The restore input that removes our jumps and chains from one table's save output, or null when there are none.</summary>
    public static string? Script(string table, string save)
    {
        var chains = IptablesSave.Chains(save).Where(c => c.StartsWith("KUBE-", StringComparison.Ordinal)).ToList();
        var jumps = IptablesSave.ForeignJumpsToKube(save);
        if (chains.Count == 0 && jumps.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder().Append('*').Append(table).Append('\n');
        foreach (var chain in chains)
        {
            text.Append(':').Append(chain).Append(" - [0:0]\n");
        }

        foreach (var jump in jumps)
        {
            text.Append("-D").Append(jump.AsSpan(2)).Append('\n');
        }

        foreach (var chain in chains)
        {
            text.Append("-X ").Append(chain).Append('\n');
        }

        return text.Append("COMMIT\n").ToString();
    }
}
