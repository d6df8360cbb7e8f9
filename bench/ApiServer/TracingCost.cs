using System.Globalization;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Tracing;
using Orchestrator.Store;
using Orchestrator.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --tracing [--quick] [--rounds N] [--creates N] [--batch-sizes]: the cost of OpenTelemetry tracing on pod
/// creates — one server, tracing off, at ratio 0.01, at ratio 1.0 (every request a server span with a store child,
/// exported by OTLP/HTTP to a discard sink in this process that answers 200), and at ratio 1.0 with no exporter
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

    // --batch-sizes: the SDK's batch processor (default 512 spans a batch, queue 2,048) set through its documented
    // environment variables, smaller and larger batches.
    private static readonly Mode[] BatchSizes =
    [
        new("tracing off", null, false), new("ratio 1.0", 1.0, true),
        new("ratio 1.0, batch 128", 1.0, true, MaxBatch: 128),
        new("ratio 1.0, batch 2048, queue 8192", 1.0, true, MaxBatch: 2048, Queue: 8192),
    ];

    public static async Task RunAsync(bool quick)
    {
        var args = Environment.GetCommandLineArgs();
        var modes = args.Contains("--batch-sizes") ? BatchSizes : Default;
        var (rounds, creates) = PairedRounds.Size(args, rounds: 10, operations: 5_000);
        PairedRounds.PrintHeader("Tracing cost benchmark");
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-tracing-").FullName;
        try
        {
            await using var sink = await OtlpReceiver.StartAsync(keep: false);
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
            using var http = PairedRounds.Client(server.Address);
            await PairedRounds.CreateNamespaceAsync(http);
            for (var mode = 0; mode < modes.Length; mode++)
            {
                var m = mode;
                using var provider = Start(sink, modes[mode]);
                await WarmUp.UntilJitSteadyAsync(modes[mode].Name, PairedRounds.Concurrency, 500, i => PairedRounds.PostPodAsync(http, $"w{m}-{i:D6}"));
            }

            var results = await PairedRounds.RunAsync(modes.Length, rounds, (mode, tag) =>
                PairedRounds.MeasureAsync("POST pod, " + modes[mode].Name, creates, i => PairedRounds.PostPodAsync(http, $"p{tag}-{i:D6}"), () => Start(sink, modes[mode])));
            PairedRounds.PrintCosts(results, "tracing cost on pod creates", "goal ≤ 10 % at 1.0");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export requests received by the sink: {sink.Requests}"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A provider for the mode, flushed and gone when disposed; null for tracing off.</summary>
    private static TracerProvider? Start(OtlpReceiver sink, Mode mode)
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
            return TracingSetup.Start(new TracingOptions(sink.Endpoint, TracingProtocol.HttpProtobuf, ratio), "bench-apiserver");
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", null);
            Environment.SetEnvironmentVariable("OTEL_BSP_MAX_QUEUE_SIZE", null);
        }
    }

    private sealed record Mode(string Name, double? Ratio, bool Export, int? MaxBatch = null, int? Queue = null);
}
