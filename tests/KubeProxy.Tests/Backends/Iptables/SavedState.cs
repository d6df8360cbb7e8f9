namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>iptables-save output made comparable: counters and comments dropped, chains sorted, each chain's rules in order.</summary>
internal static class SavedState
{
    public static string Normalize(string save)
    {
        var chains = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var table = string.Empty;
        foreach (var line in save.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l != "COMMIT"))
        {
            if (line.StartsWith('*'))
            {
                table = line;
            }
            else if (line.StartsWith(':'))
            {
                chains.TryAdd(table + " " + line[1..].Split(' ')[0], []);
            }
            else if (line.StartsWith("-A ", StringComparison.Ordinal))
            {
                var chain = table + " " + line.Split(' ')[1];
                chains.TryAdd(chain, []);
                chains[chain].Add(line);
            }
        }

        return string.Join('\n', chains.Select(c => c.Key + "\n" + string.Join('\n', c.Value)));
    }
}
