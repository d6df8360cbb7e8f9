using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Bench.Dns;
using Orchestrator.Dns.Records;
using Orchestrator.Dns.Server;

// Cluster DNS against dnsmasq over loopback: the same Service names, the same client, the same run.
var quick = args.Contains("--quick");
var services = quick ? 200 : 1000;
var clients = 16;
var seconds = quick ? 2 : 5;
var zone = "cluster.local";
var names = Enumerable.Range(0, services).Select(i => $"svc-{i}.bench.svc.{zone}").ToArray();
string Ip(int i) => string.Create(CultureInfo.InvariantCulture, $"10.96.{(i / 250) + 1}.{(i % 250) + 1}");
var records = new DnsRecords(zone, 5, 1, ServiceRecords.Compute(zone, names.Select((_, i) => BenchObjects.Service(i, Ip(i))), []));

var ours = new DnsServer(new DnsResponder(records), new UpstreamForwarder([], TimeSpan.FromSeconds(1)), NullLogger.Instance);
var receivers = int.TryParse(Environment.GetEnvironmentVariable("DNS_BENCH_RECEIVERS"), out var r) ? r : new Orchestrator.Dns.DnsOptions().UdpReceivers;
ours.Start(new IPEndPoint(IPAddress.Loopback, 0), receivers);
await using var dnsmasq = Dnsmasq.Start(names.Select((n, i) => $"{Ip(i)} {n}"), names[0]);
var client = new LoadClient(names, clients, TimeSpan.FromSeconds(seconds));
Console.WriteLine($"DNS: {services} Service names, {clients} concurrent UDP clients, {seconds} s per run, loopback, {Environment.ProcessorCount} cores");

// Warm-up before any measured round: the load client and our server are .NET and need their JIT's
// tier-1 code (a 1 s warm-up left the first measured round of whichever ran first ~15 % slow).
foreach (var endpoint in new[] { ours.LocalEndPoint!, dnsmasq.EndPoint })
{
    await client.RunAsync(endpoint, TimeSpan.FromSeconds(quick ? 1 : 4));
}

var results = new Dictionary<string, List<LoadResult>> { ["orchestrator"] = [], ["dnsmasq"] = [] };
for (var round = 0; round < (quick ? 1 : 3); round++)
{
    foreach (var (name, endpoint) in new[] { ("orchestrator", ours.LocalEndPoint!), ("dnsmasq", dnsmasq.EndPoint) })
    {
        await client.RunAsync(endpoint, TimeSpan.FromSeconds(1));
        var result = await client.RunAsync(endpoint, null);
        results[name].Add(result);
        Console.WriteLine($"  {name,-13} qps {result.Qps,9:F0}  p50 {result.P50Micros,6} µs  p99 {result.P99Micros,6} µs  lost {result.Lost}  wrong {result.Wrong}");
    }
}

var oursBest = results["orchestrator"].Max(r => r.Qps);
var theirsBest = results["dnsmasq"].Max(r => r.Qps);
var oursMedian = results["orchestrator"].Select(r => r.Qps).Order().ElementAt(results["orchestrator"].Count / 2);
var theirsMedian = results["dnsmasq"].Select(r => r.Qps).Order().ElementAt(results["dnsmasq"].Count / 2);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best qps: orchestrator {oursBest:F0}, dnsmasq {theirsBest:F0}, ratio {oursBest / theirsBest:F2}x (goal >= 1x)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median qps: orchestrator {oursMedian:F0}, dnsmasq {theirsMedian:F0}, ratio {oursMedian / theirsMedian:F2}x; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
await ours.DisposeAsync();
return results.Values.SelectMany(r => r).Any(r => r.Wrong > 0) ? 1 : 0;
