using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.Bench;

/// <summary>
/// What one pod create costs the process (API server and its HTTP clients together, as the
/// benchmark runs them): bytes allocated, CPU time, GCs and GC pause, per create, after a warm-up.
/// For before/after comparisons of a change on the create path; steadier than creates/s on a shared
/// machine, since allocations do not depend on the load.
/// Usage: bench/apiserver.sh --profile [creates] [--httpclient]; BENCH_ALLOCATION_TYPES=1 also lists the types the bytes go to (sampled);
/// BENCH_TRACING=RATIO runs the whole profile with the process's tracer provider at that sampling ratio, exporting by
/// OTLP/HTTP to <see cref="OtlpCountingSink"/> in a child process (what `--tracing` measures, one mode at a time, e.g.
/// to run under a profiler).
/// </summary>
internal static class CreateProfile
{
    private const int Concurrency = 64;

    public static async Task RunAsync(int creates, bool useHttpClient)
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-profile-").FullName;
        try
        {
            await using var sink = Environment.GetEnvironmentVariable("BENCH_TRACING") is { Length: > 0 } ? await OtlpCountingSink.StartAsync() : null;
            using var tracing = sink is null ? null : Orchestrator.Client.Tracing.TracingSetup.Start(
                new Orchestrator.Client.Tracing.TracingOptions(sink.Endpoint, Orchestrator.Client.Tracing.TracingProtocol.HttpProtobuf,
                    double.Parse(Environment.GetEnvironmentVariable("BENCH_TRACING")!, CultureInfo.InvariantCulture)), "bench-apiserver");
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
            (await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}"""))).Dispose();
            using var pods = await PodCreates.OpenAsync(server.Address, Concurrency, useHttpClient);
            Console.WriteLine($"load generator: {pods.Client}");
            await WarmUp.UntilJitSteadyAsync("HTTP", Concurrency, 500, pods.OnTheFly("bench", "w"));

            if (Environment.GetEnvironmentVariable("BENCH_SCRAPE_METRICS") == "1")
            {
                // As a Prometheus server would: the first scrape is what starts prometheus-net's default collectors.
                (await http.GetAsync("/metrics")).Dispose();
            }

            var operation = pods.Prepared("bench", "p", creates);
            using var jitLog = Environment.GetEnvironmentVariable("BENCH_JIT_METHODS") == "1" ? new JitLog() : null;
            jitLog?.Start();
            using var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOCATION_TYPES") == "1" ? new AllocationSampler() : null;
            GC.Collect();
            sampler?.Start();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var threads = ThreadCpu.Snapshot();
            var pause = GC.GetTotalPauseDuration();
            var jit = WarmUp.Jit.Now();
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var clock = Stopwatch.StartNew();
            await Measurement.RunAsync("profile", Concurrency, creates, operation);
            clock.Stop();
            var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)creates;
            var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / creates;
            var byThread = ThreadCpu.Difference(threads, ThreadCpu.Snapshot()).ToList();
            // Threads can exit during the run (the tiered compiler's worker after a few idle seconds), taking their CPU out of the
            // per-thread figures: what the live request-side threads do not account for is put on the JIT and exited threads.
            var requestMicros = byThread.Where(t => !t.Name.StartsWith(".NET Tiered", StringComparison.Ordinal)).Sum(t => t.Seconds) * 1e6 / creates;
            var jitMicros = Math.Max(0, cpuMicros - requestMicros);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# create profile — {creates} pod creates, {Concurrency} clients, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated per create: {bytes / 1024:F1} KiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per create: {cpuMicros:F0} µs (whole process), {cpuMicros - jitMicros:F0} µs on the threads that serve and send requests (tiered JIT's background compiler and exited threads: {jitMicros:F0} µs)"));
            Console.WriteLine("CPU per create by thread: " + string.Join(", ", byThread.Take(6).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Seconds * 1e6 / creates:F0} µs"))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GCs: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms of {clock.Elapsed.TotalMilliseconds:F0} ms"));
            Console.WriteLine($"JIT during the measured creates: {WarmUp.Jit.Now().Since(jit)}");
            if (sink is not null)
            {
                var spans = await sink.SpansAsync();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tracing at ratio {Environment.GetEnvironmentVariable("BENCH_TRACING")}: {spans} spans received by the sink so far"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"creates/s: {creates / clock.Elapsed.TotalSeconds:F0}; load average: {File.ReadAllText("/proc/loadavg").Trim()}"));
            if (jitLog?.Stop() is { } methods)
            {
                Console.WriteLine("methods compiled during the measured creates:");
                foreach (var method in methods)
                {
                    Console.WriteLine("  " + method);
                }
            }

            if (sampler?.Stop() is { } types)
            {
                var sampled = Math.Max(1, types.Sum(t => t.Bytes));
                Console.WriteLine("allocated per create by type (sampled): " + string.Join(", ", types.Take(25).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type} {bytes * t.Bytes / sampled:F0} B"))));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
