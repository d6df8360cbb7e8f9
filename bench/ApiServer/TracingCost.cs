using System.Globalization;
using System.Text;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Tracing;
using Orchestrator.Store;
using Orchestrator.Testing;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --tracing [--quick]: the cost of OpenTelemetry tracing on pod creates — one server, tracing
/// off, at ratio 0.01 and at ratio 1.0 (every request a server span with store children, exported by OTLP/HTTP to a
/// discard sink in this process that answers 200). A tracer provider listens process-wide, so the modes take turns
/// on the one server: a warm-up of each, then rounds in ABC CBA order (whichever runs first pays for the leftovers),
/// the best round of each kept: the machine is shared.
/// </summary>
internal static class TracingCost
{
    private const int Concurrency = 64;

    private static readonly (string Name, double? Ratio)[] Modes = [("tracing off", null), ("ratio 0.01", 0.01), ("ratio 1.0", 1.0)];

    public static async Task RunAsync(bool quick)
    {
        var creates = quick ? 3_000 : 10_000;
        Console.WriteLine($"# Tracing cost benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-tracing-").FullName;
        try
        {
            await using var sink = await OtlpReceiver.StartAsync(keep: false);
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
            using var http = Client(server.Address);
            (await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}"""))).Dispose();
            for (var mode = 0; mode < Modes.Length; mode++)
            {
                var m = mode;
                using var provider = Start(sink, Modes[mode].Ratio);
                await WarmUp.RunAsync(Modes[mode].Name, Concurrency, 500, maxRounds: quick ? 10 : 30, i => PostAsync(http, $"w{m}-{i:D6}"));
            }

            var best = new Measurement?[Modes.Length];
            var rounds = quick ? 2 : 4;
            for (var round = 0; round < rounds; round++)
            {
                var order = round % 2 == 0 ? new[] { 0, 1, 2 } : [2, 1, 0];
                foreach (var mode in order)
                {
                    var (name, ratio) = Modes[mode];
                    var r = round;
                    using var provider = Start(sink, ratio);
                    var measured = await Measurement.RunAsync("POST pod, " + name, Concurrency, creates, i => PostAsync(http, $"p{r}-{mode}-{i:D6}"));
                    best[mode] = best[mode] is { } kept && kept.PerSecond >= measured.PerSecond ? kept : measured;
                }
            }

            Console.WriteLine();
            Console.WriteLine("| subject | concurrency | operations | ops/s | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var measurement in best)
            {
                Console.WriteLine(measurement!.Row());
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export requests received by the sink: {sink.Requests}"));
            for (var mode = 1; mode < Modes.Length; mode++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"tracing cost on pod creates, {Modes[mode].Name}: {1 - best[mode]!.PerSecond / best[0]!.PerSecond:P1} ({best[mode]!.PerSecond:F0}/s vs {best[0]!.PerSecond:F0}/s off; goal ≤ 10 % at 1.0)"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A provider for the mode, flushed and gone when disposed; null for tracing off.</summary>
    private static OpenTelemetry.Trace.TracerProvider? Start(OtlpReceiver sink, double? ratio) =>
        ratio is { } r ? TracingSetup.Start(new TracingOptions(sink.Endpoint, TracingProtocol.HttpProtobuf, r), "bench-apiserver") : null;

    // No trace context from the benchmark's own client: each create is a new trace the server samples by the ratio.
    private static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, ActivityHeadersPropagator = null }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };

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
