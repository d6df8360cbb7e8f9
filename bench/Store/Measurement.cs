using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Bench;

/// <summary>Throughput and latency of one workload at one concurrency.</summary>
internal sealed record Measurement(string Subject, int Concurrency, int Operations, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Operations / Seconds;

    /// <summary>Runs <paramref name="operation"/> <paramref name="total"/> times from <paramref name="concurrency"/> loops.</summary>
    public static async Task<Measurement> RunAsync(string subject, int concurrency, int total, Func<int, Task> operation)
    {
        var latencies = new long[total];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetTimestamp() - started;
            }
        })));
        clock.Stop();
        Array.Sort(latencies);
        return new Measurement(subject, concurrency, total, clock.Elapsed.TotalSeconds, Milliseconds(latencies, 0.50), Milliseconds(latencies, 0.99));
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Subject} | {Concurrency} | {Operations} | {(Seconds > 0 ? PerSecond.ToString("F0", CultureInfo.InvariantCulture) : "n/a")} | {P50Ms:F2} | {P99Ms:F2} |");

    private static double Milliseconds(long[] sorted, double quantile) =>
        sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
}
