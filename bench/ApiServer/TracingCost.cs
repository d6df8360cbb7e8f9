using System.Diagnostics;
using System.Globalization;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Tracing;
using Orchestrator.Store;
using Orchestrator.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --tracing [--quick]: the cost of OpenTelemetry tracing on pod creates — one server, tracing
/// off, at ratio 0.01 and at ratio 1.0 (every request a server span with store children, exported by OTLP/HTTP to a
/// discard sink in this process that answers 200), and at ratio 1.0 with no exporter (spans made, none sent). A tracer provider listens process-wide, so the modes take turns
/// on the one server: a warm-up of each, then <see cref="PairedRounds"/> (ABC A′ / A′ CBA, the median round of each,
/// tracing off twice per round for the A/A noise floor).
/// </summary>
internal static class TracingCost
{
    // The last mode records every span but exports none: what is left of ratio 1.0's cost is the export's.
    private static readonly (string Name, double? Ratio, bool Export)[] Modes =
        [("tracing off", null, false), ("ratio 0.01", 0.01, true), ("ratio 1.0", 1.0, true), ("ratio 1.0, no exporter", 1.0, false)];

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
                using var provider = Start(sink, Modes[mode]);
                await WarmUp.RunAsync(Modes[mode].Name, PairedRounds.Concurrency, 500, maxRounds: quick ? 10 : 30, i => PairedRounds.PostPodAsync(http, $"w{m}-{i:D6}"));
            }

            var perCreate = Modes.Select(_ => new List<(double Bytes, double CpuMicros)>()).ToArray();
            var medians = await PairedRounds.RunAsync(Modes.Length, quick ? 2 : 4, async (mode, tag) =>
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                Measurement measured;
                using (Start(sink, Modes[mode]))
                {
                    measured = await Measurement.RunAsync("POST pod, " + Modes[mode].Name, PairedRounds.Concurrency, creates, i => PairedRounds.PostPodAsync(http, $"p{tag}-{i:D6}"));
                }

                // After the provider's disposal, which exports what is left: the round pays for all of its spans.
                perCreate[mode].Add(((GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)creates, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / creates));
                return measured;
            });
            PairedRounds.PrintCosts(medians, "tracing cost on pod creates", "goal ≤ 10 % at 1.0");
            PrintPerCreate(perCreate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export requests received by the sink: {sink.Requests}"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// What each mode costs per create in this whole process (server, client, exporter and sink): CPU time and bytes
    /// allocated, the median of its rounds (tracing off's A and A′ together). Throughput on a loaded 2-core machine
    /// swings more than tracing costs; the process's own CPU time per create swings far less.
    /// </summary>
    private static void PrintPerCreate(List<(double Bytes, double CpuMicros)>[] perCreate)
    {
        Console.WriteLine();
        Console.WriteLine("| mode | CPU µs per create (median; rounds) | KiB allocated per create (median) |");
        Console.WriteLine("|---|---:|---:|");
        var cpu = perCreate.Select(rounds => Median(rounds.Select(r => r.CpuMicros))).ToArray();
        for (var mode = 0; mode < Modes.Length; mode++)
        {
            var rounds = string.Join(" / ", perCreate[mode].Select(r => r.CpuMicros.ToString("F0", CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Modes[mode].Name} | {cpu[mode]:F0} ({rounds}) | {Median(perCreate[mode].Select(r => r.Bytes)) / 1024:F1} |"));
        }

        for (var mode = 1; mode < Modes.Length; mode++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per create, {Modes[mode].Name}: {cpu[mode] / cpu[0] - 1:+0.0 %;-0.0 %} against tracing off"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>A provider for the mode, flushed and gone when disposed; null for tracing off.</summary>
    private static TracerProvider? Start(OtlpReceiver sink, (string Name, double? Ratio, bool Export) mode) => mode switch
    {
        { Ratio: null } => null,
        { Export: true } => TracingSetup.Start(new TracingOptions(sink.Endpoint, TracingProtocol.HttpProtobuf, mode.Ratio.Value), "bench-apiserver"),
        _ => Sdk.CreateTracerProviderBuilder().AddSource([.. TracingSources.All]).SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(mode.Ratio.Value))).Build(),
    };
}
