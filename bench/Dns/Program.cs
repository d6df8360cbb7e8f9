using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Bench.Dns;
using Orchestrator.Dns.Records;
using Orchestrator.Dns.Server;

// Cluster DNS against dnsmasq over loopback: the same Service names, the same client, the same run.
// DNS_BENCH_VARIANTS="batch:2,single:4" measures several server set-ups in the same run, alternating with dnsmasq
// (batch: recvmmsg/sendmmsg loops, single: one datagram per call; the number is the receive threads).
// The load client is one thread polling 16 sockets (PollClient); --async-client: 16 async tasks (LoadClient, the
// client of the runs before 2026-12-07, 5-10 µs of CPU per query); --dnsperf: DNS-OARC's dnsperf (mean latency only).
var quick = args.Contains("--quick");
var services = quick ? 200 : 1000;
var clients = 16;
var seconds = quick ? 2 : 5;
var rounds = quick ? 1 : 3;
var zone = "cluster.local";
var names = Enumerable.Range(0, services).Select(i => $"svc-{i}.bench.svc.{zone}").ToArray();
string Ip(int i) => string.Create(CultureInfo.InvariantCulture, $"10.96.{(i / 250) + 1}.{(i % 250) + 1}");
var records = new DnsRecords(zone, 5, 1, ServiceRecords.Compute(zone, names.Select((_, i) => BenchObjects.Service(i, Ip(i))), []));

var defaultReceivers = int.TryParse(Environment.GetEnvironmentVariable("DNS_BENCH_RECEIVERS"), out var r) ? r : new Orchestrator.Dns.DnsOptions().UdpReceivers;
var variants = (Environment.GetEnvironmentVariable("DNS_BENCH_VARIANTS") is { Length: > 0 } list ? list.Split(',') : [$"batch:{defaultReceivers}"])
    .Select(BenchVariant.Parse).ToArray();
var servers = new List<(string Name, DnsServer Server)>();
foreach (var variant in variants)
{
    var server = new DnsServer(new DnsResponder(records), new UpstreamForwarder([], TimeSpan.FromSeconds(1)), NullLogger.Instance);
    server.Start(new IPEndPoint(IPAddress.Loopback, 0), variant.Receivers, variant.Batch);
    servers.Add((variants.Length == 1 ? "orchestrator" : variant.Name, server));
}

await using var dnsmasq = Dnsmasq.Start(names.Select((n, i) => $"{Ip(i)} {n}"), names[0]);
var dnsperf = args.Contains("--dnsperf");
var asyncClient = args.Contains("--async-client");
using var external = dnsperf ? new Dnsperf(names, clients, TimeSpan.FromSeconds(seconds)) : null;
ILoadClient client = external ?? (asyncClient ? new LoadClient(names, clients, TimeSpan.FromSeconds(seconds)) : (ILoadClient)new PollClient(names, clients, TimeSpan.FromSeconds(seconds)));
var clientName = dnsperf ? "dnsperf" : asyncClient ? "async tasks" : "one polling thread";
Console.WriteLine($"DNS: {services} Service names, {clients} concurrent UDP clients ({clientName}), {seconds} s per run, loopback, {Environment.ProcessorCount} cores");
var targets = servers.Select(s => (s.Name, EndPoint: s.Server.LocalEndPoint!, Process: (Process?)null)).Append((Name: "dnsmasq", EndPoint: dnsmasq.EndPoint, Process: (Process?)dnsmasq.Process)).ToArray();

// Warm-up before any measured round: the load client and our server are .NET and need their JIT's
// tier-1 code (a 1 s warm-up left the first measured round of whichever ran first ~15 % slow).
foreach (var target in targets)
{
    await client.RunAsync(target.EndPoint, TimeSpan.FromSeconds(quick ? 1 : 4));
}

var results = targets.ToDictionary(t => t.Name, _ => new List<LoadResult>());
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, endpoint, process) in targets)
    {
        await client.RunAsync(endpoint, TimeSpan.FromSeconds(1));
        var cpu = CpuMeter.Start(process);
        var result = await client.RunAsync(endpoint, null);
        var (clientCpu, serverCpu) = cpu.PerQuery(result.Queries, dnsperf);
        results[name].Add(result);
        var latency = result.P99Micros is { } p99 ? $"p50 {result.P50Micros,6} µs  p99 {p99,6} µs" : $"mean {result.MeanMicros,6} µs";
        Console.WriteLine($"  {name,-13} qps {result.Qps,9:F0}  {latency}  lost {result.Lost}  wrong {result.Wrong}  cpu µs/query client {clientCpu,4:F1} server {serverCpu,4:F1}");
    }
}

double Best(string name) => results[name].Max(r => r.Qps);
double Median(string name) => results[name].Select(r => r.Qps).Order().ElementAt(results[name].Count / 2);
double MedianLatency(string name) => results[name].Select(r => (double)(r.P99Micros ?? r.MeanMicros)).Order().ElementAt(results[name].Count / 2);
foreach (var (name, _) in servers)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: best qps {Best(name):F0} vs dnsmasq {Best("dnsmasq"):F0}, ratio {Best(name) / Best("dnsmasq"):F2}x (goal >= 1x); median {Median(name):F0} vs {Median("dnsmasq"):F0}, ratio {Median(name) / Median("dnsmasq"):F2}x; median {(dnsperf ? "mean latency" : "p99")} {MedianLatency(name):F0} vs {MedianLatency("dnsmasq"):F0} µs"));
}

Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (var (_, server) in servers)
{
    await server.DisposeAsync();
}

return results.Values.SelectMany(r => r).Any(r => r.Wrong > 0) ? 1 : 0;
