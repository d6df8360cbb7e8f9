using System.Globalization;
using System.Text;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --metrics [--quick]: the cost of request and storage metrics on pod creates — two
/// servers in this process, one with <see cref="ApiServerOptions.EnableMetrics"/> off, each on its own
/// SQLite store, measured in alternating rounds (the best round of each kept: the machine is shared).
/// </summary>
internal static class MetricsCost
{
    private const int Concurrency = 64;

    public static async Task RunAsync(bool quick)
    {
        var creates = quick ? 3_000 : 20_000;
        Console.WriteLine($"# Metrics cost benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-metrics-").FullName;
        try
        {
            await using var onStore = StoreFactory.Open("sqlite://" + Path.Combine(directory, "on.db"));
            await using var offStore = StoreFactory.Open("sqlite://" + Path.Combine(directory, "off.db"));
            await using var on = await ApiServerHost.StartAsync(onStore, new ApiServerOptions { Port = 0 });
            await using var off = await ApiServerHost.StartAsync(offStore, new ApiServerOptions { Port = 0, EnableMetrics = false });
            using var onHttp = Client(on.Address);
            using var offHttp = Client(off.Address);
            foreach (var http in new[] { onHttp, offHttp })
            {
                (await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}"""))).Dispose();
                await WarmUp.RunAsync("HTTP", Concurrency, 500, maxRounds: quick ? 10 : 30, i => PostAsync(http, $"w{i:D6}"));
            }

            Measurement? best = null, bestOff = null;
            for (var round = 0; round < (quick ? 4 : 6); round++)
            {
                var r = round;
                // Whichever runs first in a round pays for the other's leftovers (GC, the store's checkpoint): swap each round.
                Measurement a, b;
                if (round % 2 == 0)
                {
                    a = await Measurement.RunAsync("POST pod, metrics on", Concurrency, creates, i => PostAsync(onHttp, $"p{r}-{i:D6}"));
                    b = await Measurement.RunAsync("POST pod, metrics off", Concurrency, creates, i => PostAsync(offHttp, $"p{r}-{i:D6}"));
                }
                else
                {
                    b = await Measurement.RunAsync("POST pod, metrics off", Concurrency, creates, i => PostAsync(offHttp, $"p{r}-{i:D6}"));
                    a = await Measurement.RunAsync("POST pod, metrics on", Concurrency, creates, i => PostAsync(onHttp, $"p{r}-{i:D6}"));
                }

                best = best is null || a.PerSecond > best.PerSecond ? a : best;
                bestOff = bestOff is null || b.PerSecond > bestOff.PerSecond ? b : bestOff;
            }

            Console.WriteLine();
            Console.WriteLine("| subject | concurrency | operations | ops/s | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(best!.Row());
            Console.WriteLine(bestOff!.Row());
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"metrics cost on pod creates: {1 - best.PerSecond / bestOff.PerSecond:P1} ({best.PerSecond:F0}/s on vs {bestOff.PerSecond:F0}/s off; goal ≤ 3 %)"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };

    private static async Task PostAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsync("/api/v1/namespaces/bench/pods", Json(BenchPod.Json(name)));
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
