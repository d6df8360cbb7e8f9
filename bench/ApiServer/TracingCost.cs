using System.Globalization;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Tracing;
using Orchestrator.Store;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --tracing [--quick] [--rounds N] [--creates N] [--batch-sizes]: the cost of OpenTelemetry tracing on pod
/// creates — one server, tracing off, at ratio 0.01, at ratio 1.0 (every request a server span with a store child,
/// exported by OTLP/HTTP to a discard sink in a child process, <see cref="OtlpCountingSink"/>, that counts them), and at ratio 1.0 with no exporter
/// (spans made, none sent). A tracer provider listens process-wide, so the modes take turns on the one server: a
/// JIT warm-up of each mode with its own provider, then <see cref="PairedRounds"/> (the process's CPU time per
/// create, each round's modes against the same round's two tracing-off runs, the A/A floor beside them). A round's
/// provider is built before its clocks start and disposed — which exports what is left — before they stop.
/// </summary>
internal static class TracingCost
{
    // "no exporter" records every span but exports none: what is left of ratio 1.0's cost is the export's.
    private static readonly Mode[] Default =
        [new("tracing off", null, false), new("ratio 1.0", 1.0, true), new("ratio 1.0, no exporter", 1.0, false), new("ratio 0.01", 0.01, true)];

    // --batch-sizes: our batch processor sizes (2,048 spans a batch, queue 8,192: ExportBatching) against the SDK's
    // default (512, 2,048) and smaller batches, set through the SDK's documented environment variables.
    private static readonly Mode[] BatchSizes =
    [
        new("tracing off", null, false), new("ratio 1.0", 1.0, true),
        new("ratio 1.0, the SDK's batch 512, queue 2048", 1.0, true, MaxBatch: 512, Queue: 2048),
        new("ratio 1.0, batch 128, queue 2048", 1.0, true, MaxBatch: 128, Queue: 2048),
    ];

    public static async Task RunAsync(bool quick)
    {
        var args = Environment.GetCommandLineArgs();
        var modes = args.Contains("--batch-sizes") ? BatchSizes : Default;
        var (rounds, creates) = PairedRounds.Size(args, rounds: 20, operations: 5_000);

        // --in-process-sink keeps session 29's set-up (the sink in this process) for comparison. The load generator's
        // HttpClient has no ActivityHeadersPropagator, so it makes no client activities (the census below shows none).
        var inProcess = args.Contains("--in-process-sink");
        PairedRounds.PrintHeader("Tracing cost benchmark");
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-tracing-").FullName;
        try
        {
            await using var sink = inProcess ? await OtlpCountingSink.StartInProcessAsync() : await OtlpCountingSink.StartAsync();
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
            using var http = PairedRounds.Client(server.Address);
            await PairedRounds.CreateNamespaceAsync(http);
            for (var mode = 0; mode < modes.Length; mode++)
            {
                var m = mode;
                using var provider = Start(sink.Endpoint, modes[mode]);
                await WarmUp.UntilJitSteadyAsync(modes[mode].Name, PairedRounds.Concurrency, 500, i => PairedRounds.PostPodAsync(http, $"w{m}-{i:D6}"));
            }

            await CountActivitiesAsync(http, sink.Endpoint);

            // Spans the sink received per mode, over the measured rounds (read outside the measured window).
            var exported = new long[modes.Length];
            var exporterSeconds = new double[modes.Length];
            var results = await PairedRounds.RunAsync(modes.Length, rounds, async (mode, tag) =>
            {
                var before = await sink.SpansAsync();
                var cost = await PairedRounds.MeasureAsync("POST pod, " + modes[mode].Name, creates, i => PairedRounds.PostPodAsync(http, $"p{tag}-{i:D6}"), () => ExporterTimed.Of(Start(sink.Endpoint, modes[mode]), seconds => exporterSeconds[mode] += seconds));
                exported[mode] += await sink.SpansAsync() - before;
                return cost;
            });
            PairedRounds.PrintCosts(results, "tracing cost on pod creates", "goal ≤ 10 % at 1.0");

            // Every measured round ran each mode once (tracing off twice); the discarded round counts too.
            var creates1 = (double)creates * (rounds + 1);
            Console.WriteLine(string.Join("; ", modes.Select((m, i) => string.Create(CultureInfo.InvariantCulture,
                $"{m.Name}: {exported[i] / (i == 0 ? 2 * creates1 : creates1):F3} spans exported per create"))));
            Console.WriteLine(string.Join("; ", modes.Select((m, i) => string.Create(CultureInfo.InvariantCulture,
                $"{m.Name}: exporter thread {exporterSeconds[i] * 1e6 / (i == 0 ? 2 * creates1 : creates1):F1} µs CPU per create"))));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// What a create makes at ratio 1.0, seen by a second listener that samples nothing itself: every Activity
    /// started in the process by source and name (recorded or not) and its tags, over 1,000 creates.
    /// </summary>
    private static async Task CountActivitiesAsync(HttpClient http, Uri sink)
    {
        const int Creates = 1_000;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<(string Source, string Name, bool Recorded), (int Count, int Tags)>();
        using var provider = Start(sink, Default[1]);
        using (var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.None,
            ActivityStopped = a => seen.AddOrUpdate((a.Source.Name, a.OperationName, a.Recorded), (1, a.TagObjects.Count()), (_, v) => (v.Count + 1, v.Tags + a.TagObjects.Count())),
        })
        {
            System.Diagnostics.ActivitySource.AddActivityListener(listener);
            await Measurement.RunAsync("count", PairedRounds.Concurrency, Creates, i => PairedRounds.PostPodAsync(http, $"c-{i:D6}"));
        }

        foreach (var ((source, name, recorded), (count, tags)) in seen.OrderBy(e => e.Key.Source))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"activities per create at ratio 1.0: {source} \"{name}\"{(recorded ? "" : " (not recorded)")}: {count / (double)Creates:F3}, {tags / (double)count:F1} tags each"));
        }
    }

    /// <summary>A provider for the mode, flushed and gone when disposed; null for tracing off.</summary>
    private static TracerProvider? Start(Uri sink, Mode mode)
    {
        if (mode.Ratio is not { } ratio)
        {
            return null;
        }

        if (!mode.Export)
        {
            return Sdk.CreateTracerProviderBuilder().AddSource([.. TracingSources.All]).SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio))).Build();
        }

        // The SDK reads OTEL_BSP_* when the provider is built: set for this mode's provider only.
        Environment.SetEnvironmentVariable("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", mode.MaxBatch?.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("OTEL_BSP_MAX_QUEUE_SIZE", mode.Queue?.ToString(CultureInfo.InvariantCulture));
        try
        {
            return TracingSetup.Start(new TracingOptions(sink, TracingProtocol.HttpProtobuf, ratio), "bench-apiserver");
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", null);
            Environment.SetEnvironmentVariable("OTEL_BSP_MAX_QUEUE_SIZE", null);
        }
    }

    /// <summary>
    /// The round's provider; on disposal first adds up the CPU time of the batch processor's export thread (serializing
    /// and sending, one thread per provider, named OpenTelemetry-…), read (nanoseconds, /proc's schedstat) before the final flush ends it with the provider.
    /// </summary>
    private sealed class ExporterTimed(TracerProvider provider, Action<double> seconds) : IDisposable
    {
        public static IDisposable? Of(TracerProvider? provider, Action<double> seconds) => provider is null ? null : new ExporterTimed(provider, seconds);

        public void Dispose()
        {
            seconds(ExportThreadSeconds());
            provider.Dispose();
        }

        /// <summary>The run time of the OpenTelemetry-… threads in nanoseconds from /proc's schedstat (0 elsewhere), in seconds.</summary>
        private static double ExportThreadSeconds()
        {
            double total = 0;
            foreach (var task in Directory.Exists("/proc/self/task") ? Directory.EnumerateDirectories("/proc/self/task") : [])
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith("OpenTelemetry", StringComparison.Ordinal))
                    {
                        total += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture) / 1e9;
                    }
                }
                catch (IOException)
                {
                    // The thread exited between the listing and the read.
                }
            }

            return total;
        }
    }

    private sealed record Mode(string Name, double? Ratio, bool Export, int? MaxBatch = null, int? Queue = null);
}
