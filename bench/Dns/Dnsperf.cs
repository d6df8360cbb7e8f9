using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Orchestrator.Bench.Dns;

/// <summary>
/// DNS-OARC's dnsperf (C, one thread) as the load client: <c>clients</c> sockets with at most as many queries
/// outstanding, cycling over the names; a much cheaper client than this process's, so more of the two cores
/// go to the server measured. Reports the mean latency only (no percentiles); a run's answers other than
/// NOERROR count as wrong.
/// </summary>
internal sealed partial class Dnsperf : ILoadClient, IDisposable
{
    private readonly string _dir;
    private readonly string _data;
    private readonly int _clients;
    private readonly TimeSpan _duration;

    public Dnsperf(string[] names, int clients, TimeSpan duration)
    {
        _dir = Directory.CreateTempSubdirectory("orc-dnsperf-").FullName;
        _data = Path.Combine(_dir, "queries");
        File.WriteAllLines(_data, names.Select(n => n + " A"));
        (_clients, _duration) = (clients, duration);
    }

    public Process? LastProcess { get; private set; }

    public async Task<LoadResult> RunAsync(IPEndPoint server, TimeSpan? runFor)
    {
        ArgumentNullException.ThrowIfNull(server);
        var seconds = (int)Math.Ceiling((runFor ?? _duration).TotalSeconds);
        var info = new ProcessStartInfo("dnsperf")
        {
            ArgumentList =
            {
                "-s", server.Address.ToString(), "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-d", _data,
                "-c", _clients.ToString(CultureInfo.InvariantCulture), "-q", _clients.ToString(CultureInfo.InvariantCulture),
                "-T", "1", "-l", seconds.ToString(CultureInfo.InvariantCulture), "-t", "1",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        LastProcess?.Dispose();
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("dnsperf did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("--dnsperf needs dnsperf (apt-get install dnsperf): " + e.Message, e);
        }

        LastProcess = process;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dnsperf exited with {process.ExitCode}: {errors}");
        }

        double Number(Regex pattern) => pattern.Match(output) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("dnsperf output without " + pattern + ":\n" + output);
        var completed = (long)Number(Completed());
        var noError = NoError().Match(output) is { Success: true } ok ? long.Parse(ok.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new LoadResult(Number(Qps()), completed, (long)(Number(MeanLatency()) * 1_000_000), null, null, (long)Number(Lost()), completed - noError);
    }

    public void Dispose()
    {
        LastProcess?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [GeneratedRegex(@"Queries completed:\s+(\d+)")]
    private static partial Regex Completed();

    [GeneratedRegex(@"Queries lost:\s+(\d+)")]
    private static partial Regex Lost();

    [GeneratedRegex(@"NOERROR (\d+)")]
    private static partial Regex NoError();

    [GeneratedRegex(@"Queries per second:\s+([\d.]+)")]
    private static partial Regex Qps();

    [GeneratedRegex(@"Average Latency \(s\):\s+([\d.]+)")]
    private static partial Regex MeanLatency();
}
