using System.Globalization;
using System.Text;

namespace Orchestrator.Bench;

/// <summary>
/// What the cost benchmarks (<see cref="MetricsCost"/>, <see cref="TracingCost"/>) share: subjects measured in
/// alternating rounds (ABBA: forward, then backward, so whichever runs first — and pays for the other's garbage and
/// the store's checkpoint — changes each round), each subject's median round kept, and the baseline measured twice
/// per round (A and A′) so the noise of this machine is printed next to every cost.
/// </summary>
internal static class PairedRounds
{
    public const int Concurrency = 64;

    /// <summary>The machine line every benchmark starts with.</summary>
    public static void PrintHeader(string title)
    {
        Console.WriteLine($"# {title} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds over the subjects (index 0 is the baseline, run as A and as A′) and returns
    /// the median measurement of each subject by throughput, the baseline's A′ last.
    /// <paramref name="measure"/> gets the subject's index (the A′ run passes 0 again), the round and a unique run tag.
    /// </summary>
    public static async Task<Measurement[]> RunAsync(int subjects, int rounds, Func<int, string, Task<Measurement>> measure)
    {
        // Slots: 0 = baseline A, 1..n-1 = the subjects, n = baseline A′ (the same subject again).
        var slots = Enumerable.Range(0, subjects + 1).ToArray();
        var results = slots.Select(_ => new List<Measurement>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? slots : [.. slots.Reverse()];
            foreach (var slot in order)
            {
                results[slot].Add(await measure(slot == subjects ? 0 : slot, $"r{round}s{slot}"));
            }
        }

        var medians = results.Select(Median).ToArray();
        medians[^1] = medians[^1] with { Subject = medians[^1].Subject + " (A′)" };
        return medians;
    }

    /// <summary>The table of medians and the cost of each subject against the baseline, with the A/A difference as the noise floor.</summary>
    public static void PrintCosts(Measurement[] medians, string what, string goal)
    {
        Console.WriteLine();
        Console.WriteLine("| subject (median round) | concurrency | operations | ops/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var measurement in medians)
        {
            Console.WriteLine(measurement.Row());
        }

        Console.WriteLine();
        var baseline = medians[0];
        var again = medians[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A/A (baseline against itself, the noise floor): {1 - again.PerSecond / baseline.PerSecond:P1} ({again.PerSecond:F0}/s vs {baseline.PerSecond:F0}/s)"));
        for (var i = 1; i < medians.Length - 1; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}, {medians[i].Subject}: {1 - medians[i].PerSecond / baseline.PerSecond:P1} ({medians[i].PerSecond:F0}/s vs {baseline.PerSecond:F0}/s; {goal})"));
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

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Measurement Median(List<Measurement> runs) => runs.OrderBy(m => m.PerSecond).ElementAt(runs.Count / 2);
}
