using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Bench.Proxy;

/// <summary>
/// CPU time of this process plus its finished children (nft), in ms, from /proc/self/stat (cutime, cstime in clock
/// ticks of 10 ms): a figure the machine's load does not inflate, unlike wall time.
/// </summary>
internal static class Cpu
{
    private const double TickMilliseconds = 10;

    public static double Now()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
        var children = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds + (children * TickMilliseconds);
    }
}
