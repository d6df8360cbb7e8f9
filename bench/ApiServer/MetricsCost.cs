using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.Bench;

/// <summary>
/// bench/apiserver.sh --metrics [--quick] [--rounds N] [--creates N]: the cost of request and storage metrics on pod
/// creates — two servers in this process, one with <see cref="ApiServerOptions.EnableMetrics"/> off, each on its own
/// SQLite store, and a third, metrics off too, that shows what being a different server costs; measured in
/// <see cref="PairedRounds"/> (the process's CPU time per create, each round's runs against the same round's two
/// runs of the first metrics-off server, the A/A floor beside them).
/// </summary>
internal static class MetricsCost
{
    public static async Task RunAsync(bool quick)
    {
        var (rounds, creates) = PairedRounds.Size(Environment.GetCommandLineArgs(), rounds: 20, operations: 5_000);
        PairedRounds.PrintHeader("Metrics cost benchmark");
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-metrics-").FullName;
        try
        {
            await using var offStore = StoreFactory.Open("sqlite://" + Path.Combine(directory, "off.db"));
            await using var onStore = StoreFactory.Open("sqlite://" + Path.Combine(directory, "on.db"));
            await using var twinStore = StoreFactory.Open("sqlite://" + Path.Combine(directory, "twin.db"));
            await using var off = await ApiServerHost.StartAsync(offStore, new ApiServerOptions { Port = 0, EnableMetrics = false });
            await using var on = await ApiServerHost.StartAsync(onStore, new ApiServerOptions { Port = 0 });
            await using var twin = await ApiServerHost.StartAsync(twinStore, new ApiServerOptions { Port = 0, EnableMetrics = false });
            using var offHttp = PairedRounds.Client(off.Address);
            using var onHttp = PairedRounds.Client(on.Address);
            using var twinHttp = PairedRounds.Client(twin.Address);

            // The twin is a second metrics-off server: what it "costs" is what being another server costs (its own
            // store file, its place in the order), the floor under the metrics-on server's figure.
            (HttpClient Http, string Name)[] subjects = [(offHttp, "metrics off"), (onHttp, "metrics on"), (twinHttp, "metrics off, second server")];
            foreach (var (http, name) in subjects)
            {
                await PairedRounds.CreateNamespaceAsync(http);
                await WarmUp.UntilJitSteadyAsync(name, PairedRounds.Concurrency, 500, i => PairedRounds.PostPodAsync(http, $"w{i:D6}"));
            }

            var results = await PairedRounds.RunAsync(subjects.Length, rounds, (subject, tag) =>
                PairedRounds.MeasureAsync("POST pod, " + subjects[subject].Name, creates, i => PairedRounds.PostPodAsync(subjects[subject].Http, $"p{tag}-{i:D6}")));
            PairedRounds.PrintCosts(results, "metrics cost on pod creates", "goal ≤ 3 %");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
