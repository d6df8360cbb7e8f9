using System.Globalization;

namespace Orchestrator.Bench;

/// <summary>
/// CPU time of this process's threads grouped by thread name (Linux, from /proc/self/task/*/stat), so a
/// profile can tell the request path's threads from the tiered JIT's background compiler and the GC:
/// on a loaded machine the JIT's share of a run swings several-fold and hides a change of the create path.
/// Empty elsewhere.
/// </summary>
internal static class ThreadCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds per thread name (threads of one name summed; threads that exited are not counted).</summary>
    public static Dictionary<string, double> Snapshot()
    {
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc/self/task"))
        {
            return byName;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // pid (comm) state ppid ... : comm may hold spaces, so fields are counted after the last ')'.
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                byName[name] = byName.GetValueOrDefault(name) + ticks / TicksPerSecond;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The thread exited between the listing and the read.
            }
        }

        return byName;
    }

    /// <summary>Seconds each thread name used between two snapshots, largest first.</summary>
    public static IEnumerable<(string Name, double Seconds)> Difference(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.Select(entry => (entry.Key, entry.Value - before.GetValueOrDefault(entry.Key)))
            .Where(entry => entry.Item2 > 0)
            .OrderByDescending(entry => entry.Item2);
}
