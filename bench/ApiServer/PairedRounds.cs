using System.Globalization;
using System.Text;

namespace Orchestrator.Bench;

/// <summary>
/// What the cost benchmarks (<see cref="MetricsCost"/>, <see cref="TracingCost"/>) share. The measured quantity is
/// the process's CPU time (user + system) per operation: on this shared 2-core machine throughput swings with the
/// other engineers' load far more than a few percent of cost, CPU time far less. Subjects run in many short
/// alternating rounds (ABBA: forward, then backward), the baseline twice per round (A and A′), after one discarded
/// round of every subject; each cost is the median over rounds of the subject against the mean of its own round's
/// two baselines — a paired ratio taken within seconds, so the load's drift cancels and a round hit by a gen-2 GC or
/// a burst of load is an outlier the median ignores. The A′/A ratio of each round is the noise floor, printed beside
/// every cost.
/// </summary>
internal static class PairedRounds
{
    public const int Concurrency = 64;

    /// <summary>The machine line every benchmark starts with.</summary>
    public static void PrintHeader(string title)
    {
        Console.WriteLine($"# {title} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; load {LoadAverage()}");
    }

    /// <summary>
    /// <c>--rounds N</c> and <c>--creates N</c> from the command line, else the defaults (fewer with <c>--quick</c>).
    /// </summary>
    public static (int Rounds, int Operations) Size(string[] args, int rounds, int operations) =>
        args.Contains("--quick") ? (6, 1_000) : (Number(args, "--rounds") ?? rounds, Number(args, "--creates") ?? operations);

    /// <summary>
    /// Runs one discarded round and then <paramref name="rounds"/> rounds over the subjects (index 0 is the baseline,
    /// run as A and as A′) and returns every measured round of every slot; the baseline's A′ is the last slot. <paramref name="measure"/> gets the subject's index
    /// (the A′ run passes 0 again) and a unique run tag.
    /// </summary>
    public static async Task<List<RoundCost>[]> RunAsync(int subjects, int rounds, Func<int, string, Task<RoundCost>> measure)
    {
        // Slots: 0 = baseline A, 1..n-1 = the subjects, n = baseline A′ (the same subject again).
        var slots = Enumerable.Range(0, subjects + 1).ToArray();
        var results = slots.Select(_ => new List<RoundCost>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            // Round -1 is run and thrown away: the first pass after the warm-ups still paid for tier-1 compiles and pools.
            var order = round % 2 == 0 ? slots : [.. slots.Reverse()];
            var measured = new RoundCost[slots.Length];
            foreach (var slot in order)
            {
                measured[slot] = await measure(slot == subjects ? 0 : slot, $"r{round + 1}s{slot}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}/{rounds}{(round < 0 ? " (discarded)" : "")} (load {LoadAverage()}): CPU µs per op {string.Join(" / ", measured.Select(r => r.CpuMicros.ToString("F0", CultureInfo.InvariantCulture)))}"));
            for (var slot = 0; round >= 0 && slot < slots.Length; slot++)
            {
                results[slot].Add(measured[slot]);
            }
        }

        return results;
    }

    /// <summary>
    /// Measures one round of <paramref name="operations"/> operations: <paramref name="enter"/> sets the subject up
    /// before the clocks start (a tracer provider, say) and what it returns is disposed before they stop, so a mode
    /// that flushes on disposal pays for all of its round's work.
    /// </summary>
    public static async Task<RoundCost> MeasureAsync(string subject, int operations, Func<int, Task> operation, Func<IDisposable?>? enter = null)
    {
        var scope = enter?.Invoke();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var (gen1, gen2) = (GC.CollectionCount(1), GC.CollectionCount(2));
        var cpu = Environment.CpuUsage.TotalTime;
        Measurement measured;
        try
        {
            measured = await Measurement.RunAsync(subject, Concurrency, operations, operation);
        }
        finally
        {
            scope?.Dispose();
        }

        var cpuMicros = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / operations;
        return new RoundCost(
            measured, cpuMicros, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)operations,
            (GC.GetTotalPauseDuration() - paused).TotalMicroseconds / operations,
            (GC.CollectionCount(1) - gen1) * 1000.0 / operations, (GC.CollectionCount(2) - gen2) * 1000.0 / operations);
    }

    /// <summary>The table of every subject's medians, then each cost as the median of its per-round paired ratios, beside the A/A floor.</summary>
    public static void PrintCosts(List<RoundCost>[] results, string what, string goal)
    {
        Console.WriteLine();
        Console.WriteLine("| subject | rounds | CPU µs per op (median; each round) | KiB allocated per op | GC pause µs per op | gen1 / gen2 GCs per 1,000 ops | ops/s (median) | p99 ms (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var slot = 0; slot < results.Length; slot++)
        {
            var rounds = results[slot];
            var name = rounds[0].Throughput.Subject + (slot == results.Length - 1 ? " (A′)" : "");
            var each = string.Join(" / ", rounds.Select(r => r.CpuMicros.ToString("F0", CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {rounds.Count} | {Median(rounds.Select(r => r.CpuMicros)):F1} ({each}) | {Median(rounds.Select(r => r.Bytes)) / 1024:F1} | {Median(rounds.Select(r => r.GcPauseMicros)):F1} | {Median(rounds.Select(r => r.Gen1PerThousand)):F2} / {Median(rounds.Select(r => r.Gen2PerThousand)):F2} | {Median(rounds.Select(r => r.Throughput.PerSecond)):F0} | {Median(rounds.Select(r => r.Throughput.P99Ms)):F1} |"));
        }

        Console.WriteLine();
        var a = results[0];
        var again = results[^1];
        var floor = Enumerable.Range(0, a.Count).Select(r => again[r].CpuMicros / a[r].CpuMicros - 1).ToArray();
        var throughputFloor = Enumerable.Range(0, a.Count).Select(r => 1 - again[r].Throughput.PerSecond / a[r].Throughput.PerSecond).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A/A noise floor, CPU per op (A′ against A, per round): median {Median(floor):+0.0 %;-0.0 %}, median |A′/A − 1| {Median(floor.Select(Math.Abs)):0.0 %}; range {floor.Min():+0.0 %;-0.0 %} … {floor.Max():+0.0 %;-0.0 %}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A/A noise floor, throughput: median {Median(throughputFloor):+0.0 %;-0.0 %}, median |…| {Median(throughputFloor.Select(Math.Abs)):0.0 %}"));
        for (var slot = 1; slot < results.Length - 1; slot++)
        {
            var rounds = results[slot];
            var cost = Enumerable.Range(0, rounds.Count).Select(r => rounds[r].CpuMicros / ((a[r].CpuMicros + again[r].CpuMicros) / 2) - 1).ToArray();
            var slower = Enumerable.Range(0, rounds.Count).Select(r => 1 - rounds[r].Throughput.PerSecond / ((a[r].Throughput.PerSecond + again[r].Throughput.PerSecond) / 2)).ToArray();
            var (low, high) = MedianInterval(cost);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}, {rounds[0].Throughput.Subject}: CPU per op **{Median(cost):+0.0 %;-0.0 %}** (95 % interval of the median {low:+0.0 %;-0.0 %} … {high:+0.0 %;-0.0 %}; rounds {string.Join(" ", cost.Select(c => c.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)))}); throughput {Median(slower):+0.0 %;-0.0 %} ({goal})"));
        }
    }

    public static HttpClient Client(Uri address) =>
        // No trace context from the benchmark's own client: each request is a new trace the server samples by its ratio.
        new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, ActivityHeadersPropagator = null }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };

    public static async Task CreateNamespaceAsync(HttpClient http) =>
        (await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}"""))).Dispose();

    public static async Task PostPodAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsync("/api/v1/namespaces/bench/pods", Json(BenchPod.Json(name)));
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// A distribution-free confidence interval of at least 95 % for the median of the rounds' costs: the k-th smallest
    /// and k-th largest value, k the largest with P(Binomial(n, ½) &lt; k) ≤ 2.5 % (10 rounds: the 2nd and 9th of 10,
    /// 97.9 %; 20 rounds: the 6th and 15th, 95.9 %). The A/A floor is one round's noise; this is how far the median of
    /// n rounds can be off, so "the cost is ≤ x %" is shown when the interval's top is. Fewer than 9 rounds give the
    /// whole range.
    /// </summary>
    public static (double Low, double High) MedianInterval(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var k = 0;
        double below = 0; // P(X < k + 1) for X ~ Binomial(n, 1/2), summed term by term
        double term = Math.Pow(0.5, n); // P(X = 0)
        while (k + 1 <= n / 2 && below + term <= 0.025)
        {
            below += term;
            term = term * (n - k) / (k + 1);
            k++;
        }

        return k == 0 ? (sorted[0], sorted[^1]) : (sorted[k - 1], sorted[n - k]);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int? Number(string[] args, string flag)
    {
        var index = Array.IndexOf(args, flag);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

/// <summary>
/// One round of one subject: its throughput and latency, and per operation the process's CPU time, bytes allocated
/// and GC pause time; gen-1 and gen-2 collections per 1,000 operations (what longer-lived garbage costs).
/// </summary>
internal sealed record RoundCost(Measurement Throughput, double CpuMicros, double Bytes, double GcPauseMicros, double Gen1PerThousand, double Gen2PerThousand);
