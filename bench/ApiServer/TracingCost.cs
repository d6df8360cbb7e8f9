using System.Globalization;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Tracing;
using Orchestrator.Store;
using Orchestrator.Testing;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --tracing [--quick]: the cost of OpenTelemetry tracing on pod creates — one server, tracing
/// off, at ratio 0.01 and at ratio 1.0 (every request a server span with store children, exported by OTLP/HTTP to a
/// discard sink in this process that answers 200). A tracer provider listens process-wide, so the modes take turns
/// on the one server: a warm-up of each, then <see cref="PairedRounds"/> (ABC A′ / A′ CBA, the median round of each,
/// tracing off twice per round for the A/A noise floor).
/// </summary>
internal static class TracingCost
{
    private static readonly (string Name, double? Ratio)[] Modes = [("tracing off", null), ("ratio 0.01", 0.01), ("ratio 1.0", 1.0)];

    public static async Task RunAsync(bool quick)
    {
        var creates = quick ? 3_000 : 10_000;
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
                using var provider = Start(sink, Modes[mode].Ratio);
                await WarmUp.RunAsync(Modes[mode].Name, PairedRounds.Concurrency, 500, maxRounds: quick ? 10 : 30, i => PairedRounds.PostPodAsync(http, $"w{m}-{i:D6}"));
            }

            var medians = await PairedRounds.RunAsync(Modes.Length, quick ? 2 : 4, async (mode, tag) =>
            {
                using var provider = Start(sink, Modes[mode].Ratio);
                return await Measurement.RunAsync("POST pod, " + Modes[mode].Name, PairedRounds.Concurrency, creates, i => PairedRounds.PostPodAsync(http, $"p{tag}-{i:D6}"));
            });
            PairedRounds.PrintCosts(medians, "tracing cost on pod creates", "goal ≤ 10 % at 1.0");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export requests received by the sink: {sink.Requests}"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A provider for the mode, flushed and gone when disposed; null for tracing off.</summary>
    private static OpenTelemetry.Trace.TracerProvider? Start(OtlpReceiver sink, double? ratio) =>
        ratio is { } r ? TracingSetup.Start(new TracingOptions(sink.Endpoint, TracingProtocol.HttpProtobuf, r), "bench-apiserver") : null;
}
