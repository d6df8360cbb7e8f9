namespace Orchestrator.Kubelet.Stats.Cgroups;

/// <summary>The "key value" lines of memory.stat, cpu.stat and /proc/meminfo ("MemTotal:  16 kB" too); malformed lines are skipped.</summary>
internal static class KeyValueFile
{
    public static Dictionary<string, ulong> Parse(string text)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0].TrimEnd(':')] = value;
            }
        }

        return values;
    }

    /// <summary>A file holding one number ("max" and other words: null).</summary>
    public static ulong? Number(string text) =>
        ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
