using System.Globalization;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Tracing;
using Orchestrator.Store;
using Orchestrator.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --tracing [--quick] [--rounds N] [--creates N]: the cost of OpenTelemetry tracing on pod
/// creates — one server, tracing off, at ratio 0.01, at ratio 1.0 (every request a server span with a store child,
/// exported by OTLP/HTTP to a discard sink in this process that answers 200), and at ratio 1.0 with no exporter
/// (spans made, none sent). A tracer provider listens process-wide, so the modes take turns on the one server: a
/// JIT warm-up of each mode with its own provider, then <see cref="PairedRounds"/> (the process's CPU time per
/// create, each round's modes against the same round's two tracing-off runs, the A/A floor beside them). A round's
/// provider is built before its clocks start and disposed — which exports what is left — before they stop.
/// </summary>
internal static class TracingCost
{
    // The last mode records every span but exports none: what is left of ratio 1.0's cost is the export's.
    private static readonly (string Name, double? Ratio, bool Export)[] Modes =
        [("tracing off", null, false), ("ratio 0.01", 0.01, true), ("ratio 1.0", 1.0, true), ("ratio 1.0, no exporter", 1.0, false)];

    public static async Task RunAsync(bool quick)
    {
        var (rounds, creates) = PairedRounds.Size(Environment.GetCommandLineArgs(), rounds: 10, operations: 5_000);
        PairedRounds.PrintHeader("Tracing cost benchmark");
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-tracing-").FullName;
        try
        {
            await using var sink = await OtlpReceiver.StartAsync(keep: false);
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
            using var http = PairedRounds.Client(server.Address);
            await PairedRounds.CreateNamespaceAsync(http);
            for (var mode = 0; mode < Modes.Length; mode++)
            {
                var m = mode;
                using var provider = Start(sink, Modes[mode]);
                await WarmUp.RunAsync(Modes[mode].Name, PairedRounds.Concurrency, 500, maxRounds: quick ? 10 : 30, i => PairedRounds.PostPodAsync(http, $"w{m}-{i:D6}"));
            }

            var results = await PairedRounds.RunAsync(Modes.Length, rounds, (mode, tag) =>
                PairedRounds.MeasureAsync("POST pod, " + Modes[mode].Name, creates, i => PairedRounds.PostPodAsync(http, $"p{tag}-{i:D6}"), () => Start(sink, Modes[mode])));
            PairedRounds.PrintCosts(results, "tracing cost on pod creates", "goal ≤ 10 % at 1.0");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export requests received by the sink: {sink.Requests}"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A provider for the mode, flushed and gone when disposed; null for tracing off.</summary>
    private static TracerProvider? Start(OtlpReceiver sink, (string Name, double? Ratio, bool Export) mode) => mode switch
    {
        { Ratio: null } => null,
        { Export: true } => TracingSetup.Start(new TracingOptions(sink.Endpoint, TracingProtocol.HttpProtobuf, mode.Ratio.Value), "bench-apiserver"),
        _ => Sdk.CreateTracerProviderBuilder().AddSource([.. TracingSources.All]).SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(mode.Ratio.Value))).Build(),
    };
}
