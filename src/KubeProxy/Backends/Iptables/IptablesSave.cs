namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>Reads <c>iptables-save</c> output (upstream's GetChainsFromTable and friends).</summary>
internal static class IptablesSave
{
    /// <summary>Chain names declared in one table's section (<c>:NAME POLICY [p:b]</c> lines).</summary>
    public static IReadOnlyList<string> Chains(string save) =>
        Lines(save).Where(l => l.StartsWith(':')).Select(l => l[1..].Split(' ', 2)[0]).ToList();

    /// <summary>Number of <c>-A</c> rules.</summary>
    public static int RuleCount(string save) => Lines(save).Count(l => l.StartsWith("-A ", StringComparison.Ordinal));

    /// <summary>Rules in chains that are not KUBE-* that jump to a KUBE-* chain (our jumps, however they were written).</summary>
    public static IReadOnlyList<string> ForeignJumpsToKube(string save) =>
        Lines(save)
            .Where(l => l.StartsWith("-A ", StringComparison.Ordinal) && !l.StartsWith("-A KUBE-", StringComparison.Ordinal) && l.Contains(" -j KUBE-", StringComparison.Ordinal))
            .ToList();

    /// <summary>Splits a multi-table save output into its tables (<c>*nat</c> … <c>COMMIT</c>) by name.</summary>
    public static IReadOnlyDictionary<string, string> Tables(string save)
    {
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new List<string>();
        foreach (var line in Lines(save))
        {
            if (line.StartsWith('*'))
            {
                current = line[1..].Trim();
                body.Clear();
            }
            else if (line == "COMMIT" && current is not null)
            {
                tables[current] = string.Join('\n', body);
                current = null;
            }
            else if (current is not null)
            {
                body.Add(line);
            }
        }

        return tables;
    }

    private static IEnumerable<string> Lines(string save) =>
        save.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
