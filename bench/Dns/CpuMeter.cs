using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Bench.Dns;

/// <summary>
/// CPU time over one measured run: of our server's receive threads (named dns-udp-N; the servers not being
/// measured are idle), of the load client (the rest of this process, or dnsperf: the children this process
/// reaped during the run), and of dnsmasq when it is measured.
/// </summary>
internal sealed class CpuMeter
{
    private readonly Process? _dnsmasq;
    private readonly TimeSpan _processStart;
    private readonly TimeSpan _serverStart;
    private readonly TimeSpan _dnsmasqStart;
    private readonly TimeSpan _childrenStart;

    private CpuMeter(Process? dnsmasq)
    {
        _dnsmasq = dnsmasq;
        _processStart = Environment.CpuUsage.TotalTime;
        _serverStart = ServerThreadsTime();
        _dnsmasqStart = DnsmasqTime();
        _childrenStart = ReapedChildrenTime();
    }

    public static CpuMeter Start(Process? dnsmasq) => new(dnsmasq);

    /// <summary>Microseconds of CPU per query since <see cref="Start"/>: the load client's, the server's (ours or dnsmasq).</summary>
    public (double Client, double Server) PerQuery(long queries, bool externalClient)
    {
        var server = _dnsmasq is null ? ServerThreadsTime() - _serverStart : DnsmasqTime() - _dnsmasqStart;
        var process = Environment.CpuUsage.TotalTime - _processStart;
        var client = externalClient ? ReapedChildrenTime() - _childrenStart : _dnsmasq is null ? process - server : process;
        return queries == 0 ? (0, 0) : (client.TotalMicroseconds / queries, server.TotalMicroseconds / queries);
    }

    private TimeSpan DnsmasqTime()
    {
        if (_dnsmasq is null)
        {
            return TimeSpan.Zero;
        }

        _dnsmasq.Refresh();
        return _dnsmasq.TotalProcessorTime;
    }

    /// <summary>cutime + cstime of this process: CPU of the children it has waited for (dnsperf runs).</summary>
    private static TimeSpan ReapedChildrenTime()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds((long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10);
    }

    /// <summary>utime + stime of this process's dns-udp-* threads, from /proc (clock ticks of 10 ms).</summary>
    private static TimeSpan ServerThreadsTime()
    {
        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended
            }

            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (!stat.AsSpan(open + 1, close - open - 1).StartsWith("dns-udp", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = stat[(close + 2)..].Split(' ');
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
