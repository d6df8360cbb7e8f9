using System.Globalization;

namespace Orchestrator.Bench.Proxy;

/// <summary>
/// CPU time of the calling thread in ms, from /proc/thread-self/schedstat (ns on the CPU): a netlink sync runs on
/// one thread, so this is its own cost (user + kernel), without the runtime's GC and JIT threads.
/// </summary>
internal static class ThreadCpu
{
    public static double Now()
    {
        var schedstat = File.ReadAllText("/proc/thread-self/schedstat");
        return long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')), CultureInfo.InvariantCulture) / 1e6;
    }
}
