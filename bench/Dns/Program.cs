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
ours.Start(new IPEndPoint(IPAddress.Loopback, 0), Math.Max(2, Environment.ProcessorCount * 2));
await using var dnsmasq = Dnsmasq.Start(names.Select((n, i) => $"{Ip(i)} {n}"), names[0]);
var client = new LoadClient(names, clients, TimeSpan.FromSeconds(seconds));
Console.WriteLine($"DNS: {services} Service names, {clients} concurrent UDP clients, {seconds} s per run, loopback, {Environment.ProcessorCount} cores");

var results = new Dictionary<string, List<LoadResult>> { ["orchestrator"] = [], ["dnsmasq"] = [] };
for (var round = 0; round < (quick ? 1 : 2); round++)
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
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best qps: orchestrator {oursBest:F0}, dnsmasq {theirsBest:F0}, ratio {oursBest / theirsBest:F2}x (goal >= 1x)"));
await ours.DisposeAsync();
return results.Values.SelectMany(r => r).Any(r => r.Wrong > 0) ? 1 : 0;
