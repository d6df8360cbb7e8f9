using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Bench;
using Orchestrator.Store;

// API server benchmark (issue 3): 64 concurrent clients creating pods over HTTP vs raw SqliteStore
// creates of the same bytes; LIST of 10,000 pods; one event fanned out to 1,000 watchers.
// Usage: bench/apiserver.sh [--quick] [--httpclient] (HttpClient as the load generator instead of the raw client, see PodCreates); bench/apiserver.sh --tls [--quick] for HTTPS + client certificates + RBAC vs plain HTTP (SecureCreates); bench/apiserver.sh --profile [creates] for allocations and CPU per create (CreateProfile), --stages [creates] per stage of the server (CreateStages); bench/hostile.sh for hostile bodies against benign twins (HostileBench); bench/webhook.sh for the latency an admission webhook adds to ConfigMap creates (WebhookCreates); bench/crd.sh for custom resources (CustomResourceCreates); --metrics [--quick] for the cost of request metrics on creates (MetricsCost); --tracing [--quick] for the cost of OpenTelemetry tracing off / 0.01 / 1.0 (TracingCost)
if (args.Contains(OtlpCountingSink.Flag))
{
    await OtlpCountingSink.RunAsync();
    return 0;
}

if (args.Contains("--hostile"))
{
    await HostileBench.RunAsync();
    return 0;
}

if (args.Contains("--webhook"))
{
    await WebhookCreates.RunAsync(args.Contains("--quick"));
    return 0;
}

if (args.Contains("--crd"))
{
    await CustomResourceCreates.RunAsync(args.Contains("--quick"));
    return 0;
}

if (args.Contains("--metrics"))
{
    await MetricsCost.RunAsync(args.Contains("--quick"));
    return 0;
}

if (args.Contains("--tracing"))
{
    await TracingCost.RunAsync(args.Contains("--quick"));
    return 0;
}

if (args.Contains("--tls"))
{
    await SecureCreates.RunAsync(args.Contains("--quick"));
    return 0;
}

if (args.Contains("--stages"))
{
    var index = Array.IndexOf(args, "--stages");
    CreateStages.Run(index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var n) ? n : 20_000);
    return 0;
}

if (args.Contains("--profile"))
{
    var index = Array.IndexOf(args, "--profile");
    await CreateProfile.RunAsync(index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var n) ? n : 20_000, PodCreates.WantsHttpClient(args));
    return 0;
}

var quick = args.Contains("--quick");
var count = quick ? 3_000 : 20_000;
var listSize = quick ? 2_000 : 10_000;
var watchers = quick ? 200 : 1_000;
const int concurrency = 64;

Console.WriteLine($"# API server benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
var directory = Directory.CreateTempSubdirectory("orchestrator-bench-api-").FullName;
try
{
    await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
    await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
    await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}"""));
    await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"list"}}"""));

    var podBytes = Encoding.UTF8.GetBytes(Pod("raw-size-probe"));

    // Warm-up, not measured: both paths run until the JIT is quiet for seconds (see WarmUp) and their pools are filled,
    // so the figures are the steady state of a long-running server rather than a fresh process's first seconds.
    using var creates = await PodCreates.OpenAsync(server.Address, concurrency, PodCreates.WantsHttpClient(args));
    Console.WriteLine($"load generator: {creates.Client}");
    await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"warm"}}"""));
    // Small rounds with rests: the raw path runs ~60,000/s, so seconds of it would grow the table far past the HTTP warm-up.
    await WarmUp.UntilJitSteadyAsync("raw", concurrency, 250, i => store.CreateAsync($"/warm/{i:D8}", podBytes), pause: TimeSpan.FromMilliseconds(100));
    await WarmUp.UntilJitSteadyAsync("HTTP", concurrency, 500, creates.OnTheFly("warm", "w"));

    var raw = await Measured.RunAsync("raw SqliteStore create (same bytes)", concurrency, count, i => store.CreateAsync($"/raw/{i:D8}", podBytes));
    var api = await Measured.RunAsync("POST pod over HTTP", concurrency, count, creates.Prepared("bench", "p", count));

    await Parallel.ForEachAsync(Enumerable.Range(0, listSize), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        (await http.PostAsync("/api/v1/namespaces/list/pods", Json(Pod($"l{i:D6}")), ct)).Dispose());
    var lists = await Measurement.RunAsync($"LIST {listSize} pods", 1, 20, async _ =>
    {
        using var response = await http.GetAsync("/api/v1/namespaces/list/pods");
        var body = await response.Content.ReadAsByteArrayAsync();
        if (body.Length < listSize * 100)
        {
            throw new InvalidOperationException("short list");
        }
    });

    var fanout = await WatchFanoutAsync(server.Address, watchers, rounds: 10);

    Console.WriteLine();
    Console.WriteLine("| subject | concurrency | operations | ops/s | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var m in new[] { raw.Measurement, api.Measurement, lists, fanout })
    {
        Console.WriteLine(m.Row());
    }

    Console.WriteLine();
    Console.WriteLine();
    Console.WriteLine($"measured phases (process CPU user+sys per operation; what the JIT still compiled): raw {raw.Cost}; HTTP {api.Cost}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pod creates over HTTP: {api.Measurement.PerSecond:F0}/s, p99 {api.Measurement.P99Ms:F1} ms (target >= 3000/s, p99 <= 50 ms); {api.Measurement.PerSecond / raw.Measurement.PerSecond:P1} of raw SqliteStore creates ({raw.Measurement.PerSecond:F0}/s, same run; target >= 10 %); load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LIST {listSize} pods: p99 {lists.P99Ms:F0} ms (target <= 200 ms)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one event to {watchers} watchers: p99 {fanout.P99Ms:F0} ms (target <= 100 ms)"));
}
finally
{
    Directory.Delete(directory, recursive: true);
}

return 0;

static StringContent Json(string body)
{
    var content = new StringContent(body, Encoding.UTF8);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    return content;
}

static string Pod(string name) => BenchPod.Json(name);

// Opens N watches, then creates one object per round and measures, per watcher, the time from
// the create's response to the event's arrival.
static async Task<Measurement> WatchFanoutAsync(Uri address, int watchers, int rounds)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    await http.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"watch"}}"""));
    var arrivals = new long[rounds, watchers];
    var opened = new CountdownEvent(watchers);
    using var stop = new CancellationTokenSource();
    var readers = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
    {
        using var response = await http.GetAsync("/api/v1/namespaces/watch/configmaps?watch=true&resourceVersion=0", HttpCompletionOption.ResponseHeadersRead, stop.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
        opened.Signal();
        for (var round = 0; round < rounds; round++)
        {
            if (await reader.ReadLineAsync(stop.Token) is null)
            {
                return;
            }

            arrivals[round, w] = Stopwatch.GetTimestamp();
        }
    })).ToArray();
    opened.Wait(TimeSpan.FromMinutes(2));

    var latencies = new List<double>(rounds * watchers);
    for (var round = 0; round < rounds; round++)
    {
        var sent = Stopwatch.GetTimestamp();
        (await http.PostAsync("/api/v1/namespaces/watch/configmaps", Json($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c{{{round}}}"}}"""))).Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Enumerable.Range(0, watchers).Any(w => Volatile.Read(ref arrivals[round, w]) == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        for (var w = 0; w < watchers; w++)
        {
            latencies.Add(arrivals[round, w] == 0 ? double.PositiveInfinity : (arrivals[round, w] - sent) * 1000.0 / Stopwatch.Frequency);
        }
    }

    await stop.CancelAsync();
    await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
    latencies.Sort();
    return new Measurement($"watch event to {watchers} watchers", watchers, rounds * watchers, 0, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
}
