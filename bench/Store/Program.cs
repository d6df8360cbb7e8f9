using System.Globalization;
using System.Runtime.InteropServices;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Net.Client;
using Orchestrator.Bench.Store;
using Orchestrator.Store;
using Orchestrator.Testing;

// Store benchmark: creates with 512-byte values, sequentially and from 64 concurrent loops, for
// SqliteStore, EtcdStore and — as the baseline measured in the same run against the same etcd —
// raw etcd puts through dotnet-etcd. Usage: bench/store.sh [--quick]
var quick = args.Contains("--quick");
var sequential = quick ? 300 : 2_000;
var concurrent = quick ? 3_000 : 40_000;
const int concurrency = 64;
var value = new byte[512];
Random.Shared.NextBytes(value);

Console.WriteLine($"# Store benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
var results = new List<Measurement>();

var directory = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
try
{
    await using (var sqlite = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db")))
    {
        await Warmup(sqlite, value);
        results.Add(await Measurement.RunAsync("SqliteStore create", 1, sequential, i => sqlite.CreateAsync($"/bench/seq/{i:D8}", value)));
        results.Add(await Measurement.RunAsync("SqliteStore create", concurrency, concurrent, i => sqlite.CreateAsync($"/bench/par/{i:D8}", value)));
    }

    await using var etcd = await EtcdServer.StartAsync();
    using var channel = GrpcChannel.ForAddress(etcd.ClientUrl);
    var raw = new EtcdClient(channel.CreateCallInvoker());
    await using var store = StoreFactory.Open($"etcd://{etcd.ClientUrl.Authority}/registry");
    await Warmup(store, value);
    await raw.PutAsync(new PutRequest { Key = ByteString.CopyFromUtf8("/raw/warmup"), Value = ByteString.CopyFrom(value) });

    var rawValue = ByteString.CopyFrom(value);
    Task RawPut(string key) => raw.PutAsync(new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = rawValue });

    // Alternate baseline and subject so drift on a noisy machine hits both alike.
    results.Add(await Measurement.RunAsync("raw etcd put (dotnet-etcd)", 1, sequential, i => RawPut($"/raw/seq/{i:D8}")));
    results.Add(await Measurement.RunAsync("EtcdStore create", 1, sequential, i => store.CreateAsync($"/bench/seq/{i:D8}", value)));
    results.Add(await Measurement.RunAsync("raw etcd put (dotnet-etcd)", concurrency, concurrent, i => RawPut($"/raw/par/{i:D8}")));
    results.Add(await Measurement.RunAsync("EtcdStore create", concurrency, concurrent, i => store.CreateAsync($"/bench/par/{i:D8}", value)));
}
finally
{
    Directory.Delete(directory, recursive: true);
}

Console.WriteLine();
Console.WriteLine("| subject | concurrency | operations | ops/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var result in results)
{
    Console.WriteLine(result.Row());
}

Console.WriteLine();
foreach (var level in new[] { 1, concurrency })
{
    var subject = results.Single(r => r.Subject == "EtcdStore create" && r.Concurrency == level);
    var baseline = results.Single(r => r.Subject.StartsWith("raw etcd", StringComparison.Ordinal) && r.Concurrency == level);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"EtcdStore / raw etcd at concurrency {level}: {subject.PerSecond / baseline.PerSecond:P0} (target >= 80%)"));
}

var sqlite64 = results.Single(r => r.Subject == "SqliteStore create" && r.Concurrency == concurrency);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SqliteStore durable creates/s at concurrency {concurrency}: {sqlite64.PerSecond:F0} (target >= 10000); vs raw etcd at the same concurrency: {sqlite64.PerSecond / results.Single(r => r.Subject.StartsWith("raw etcd", StringComparison.Ordinal) && r.Concurrency == concurrency).PerSecond:F1}x"));
return 0;

static async Task Warmup(IStore store, byte[] value)
{
    for (var i = 0; i < 200; i++)
    {
        await store.CreateAsync($"/warmup/{i}", value);
    }
}

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
