using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Orchestrator.Client.Processes;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.Bench.Proxy;
using Orchestrator.KubeProxy.Plan;

// Proxy sync benchmark (issue 12): 10,000 Services x 2 endpoints in table ip kube-proxy inside a scratch network
// namespace. Full sync and one-endpoint-change incremental sync of the nftables backend through each transport (one
// netlink batch; nft -f), beside `nft -f` alone on the very same script in the same run. Needs root.
if (args.Length > 0 && args[0] == "--service-overhead")
{
    // bench/proxy.sh --service-overhead [requests] [rounds]: ClusterIP vs pod IP latency (needs root, curl, busybox).
    return await ServiceOverhead.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
}

if (args.Length > 0 && args[0] == "--one-endpoint")
{
    // bench/proxy.sh --one-endpoint [services] [rounds]: one-endpoint removals and additions, their parts and the kernel's floors.
    return await OneEndpointBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20,
        Console.Out);
}

if (args.Length > 0 && args[0] == "hns")
{
    // bench/proxy.sh hns [services] [rounds]: HNS plan computation vs the nftables renderer (pure CPU, no root).
    return Orchestrator.Bench.Proxy.Hns.HnsPlanBench.Run(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5,
        Console.Out);
}

var services = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("the proxy benchmark needs root (it creates a network namespace)");
    return 1;
}

var ns = "orc-b-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
await HostCommand.RunCheckedAsync("ip", ["netns", "add", ns]);
var scratch = Directory.CreateTempSubdirectory("orc-b-proxy-").FullName;
try
{
    var nft = NftCommand.InNetworkNamespace(ns);
    var backend = new NftablesBackend(nft, NftTransport.Netlink, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    var viaNft = new NftablesBackend(nft, NftTransport.Nft, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    var node = BenchPlans.Node;
    var full = BenchPlans.Full(services);
    var changedIndex = services / 2;
    var changed = BenchPlans.OneEndpointRemoved(full, changedIndex);

    var fullCpu = new List<double>();
    var incCpu = new List<double>();
    var fullNftCpu = new List<double>();
    var incNftCpu = new List<double>();
    var render = new List<double>();
    var fullSync = new List<double>();
    var fullNft = new List<double>();
    var incSync = new List<double>();
    var incNft = new List<double>();
    var incViaNft = new List<double>();
    var fullViaNft = new List<double>();
    var fullViaNftCpu = new List<double>();
    var incNetlink = new List<double>();
    var incNetlinkCpu = new List<double>();
    var addSync = new List<double>();
    var addCpu = new List<double>();
    var addNft = new List<double>();
    var addNftCpu = new List<double>();
    var removalPlan = NftablesIncremental.Plan(
        [(NftServiceRenderer.Render(full.Services[changedIndex], node), NftServiceRenderer.Render(changed.Services[changedIndex], node))], [], []);
    var netlink = new Orchestrator.KubeProxy.Backends.Nftables.Netlink.NftNetlink(ns);
    var appliedFull = full.Services.ToDictionary(p => p.Name, p => new NftAppliedPort(p, NftServiceRenderer.Render(p, node)));
    var fullParts = new Dictionary<string, List<double>>(StringComparer.Ordinal);
    void Part(string name, double cpu) => (fullParts.TryGetValue(name, out var list) ? list : fullParts[name] = []).Add(cpu);
    var diff = new List<double>();
    var diffCpu = new List<double>();
    var incViaNftCpu = new List<double>();
    string fullScript = "";
    string incScript = "";
    for (var round = 0; round < rounds; round++)
    {
        var clock = Stopwatch.StartNew();
        fullScript = backend.Render(full);
        render.Add(clock.Elapsed.TotalMilliseconds);

        backend.RequestFullSync();
        var cpu = Cpu.Now();
        clock.Restart();
        var outcome = await backend.SyncAsync(full, CancellationToken.None);
        fullSync.Add(clock.Elapsed.TotalMilliseconds);
        fullCpu.Add(Cpu.Now() - cpu);
        Check(outcome.Full, "expected a full sync");

        cpu = Cpu.Now();
        fullNft.Add(await NftAloneAsync(nft, outcome.Script));
        fullNftCpu.Add(Cpu.Now() - cpu);

        cpu = Cpu.Now();
        clock.Restart();
        var removal = await backend.SyncAsync(changed, CancellationToken.None);
        incSync.Add(clock.Elapsed.TotalMilliseconds);
        incCpu.Add(Cpu.Now() - cpu);
        Check(!removal.Full, "expected an incremental sync");
        incScript = removal.Script;

        // The endpoint added back through the backend, then the same removal and addition scripts through nft alone.
        var fresh = BenchPlans.Fresh(full);
        cpu = Cpu.Now();
        clock.Restart();
        var restore = await backend.SyncAsync(fresh, CancellationToken.None);
        addSync.Add(clock.Elapsed.TotalMilliseconds);
        addCpu.Add(Cpu.Now() - cpu);
        Check(!restore.Full, "expected an incremental sync");
        cpu = Cpu.Now();
        incNft.Add(await NftAloneAsync(nft, removal.Script));
        incNftCpu.Add(Cpu.Now() - cpu);
        cpu = Cpu.Now();
        addNft.Add(await NftAloneAsync(nft, restore.Script));
        addNftCpu.Add(Cpu.Now() - cpu);

        // The parts of a full sync through netlink, CPU ms each: render, text, encoding, then send + the kernel's transaction.
        cpu = Cpu.Now();
        var fragments = full.Services.Select(p => NftServiceRenderer.Render(p, node)).ToList();
        Part("render fragments", Cpu.Now() - cpu);
        cpu = Cpu.Now();
        var fullPlan = NftablesRenderer.PlanFull(full, fragments);
        Part("plan operations", Cpu.Now() - cpu);
        cpu = Cpu.Now();
        _ = NftOperation.Script(fullPlan);
        Part("script text", Cpu.Now() - cpu);
        cpu = Cpu.Now();
        var encoded = Orchestrator.KubeProxy.Backends.Nftables.Netlink.NftBatch.Write(fullPlan, 1);
        Part($"encode ({encoded.Length / 1024.0 / 1024.0:F1} MiB)", Cpu.Now() - cpu);
        cpu = Cpu.Now();
        netlink.Apply(fullPlan);
        Part("encode + send + kernel", Cpu.Now() - cpu);

        // The backend's diff alone: which ports changed, the changed one rendered (no I/O).
        cpu = Cpu.Now();
        clock.Restart();
        Check(NftablesDiff.Between(appliedFull, changed).Count == 1, "expected one changed port");
        diff.Add(clock.Elapsed.TotalMilliseconds);
        diffCpu.Add(Cpu.Now() - cpu);

        // The same batch alone, without the backend's diff: encoding + socket + the kernel's transaction.
        Check(NftOperation.Script(removalPlan) == removal.Script, "the bench's removal plan differs from the backend's");
        cpu = Cpu.Now();
        clock.Restart();
        netlink.Apply(removalPlan);
        incNetlink.Add(clock.Elapsed.TotalMilliseconds);
        incNetlinkCpu.Add(Cpu.Now() - cpu);
        await nft.ApplyAsync(restore.Script, CancellationToken.None);

        // The same change through the nft transport (its own full sync first: each backend knows only what it wrote).
        viaNft.RequestFullSync();
        cpu = Cpu.Now();
        clock.Restart();
        var viaNftFull = await viaNft.SyncAsync(full, CancellationToken.None);
        fullViaNft.Add(clock.Elapsed.TotalMilliseconds);
        fullViaNftCpu.Add(Cpu.Now() - cpu);
        Check(viaNftFull.Full && viaNftFull.Script == outcome.Script, "expected the same full sync through nft");
        cpu = Cpu.Now();
        clock.Restart();
        var viaNftRemoval = await viaNft.SyncAsync(changed, CancellationToken.None);
        incViaNft.Add(clock.Elapsed.TotalMilliseconds);
        incViaNftCpu.Add(Cpu.Now() - cpu);
        Check(!viaNftRemoval.Full && viaNftRemoval.Script == removal.Script, "expected the same incremental sync through nft");
        await viaNft.SyncAsync(BenchPlans.Fresh(full), CancellationToken.None);
        Check(backend.Transport == NftTransport.Netlink, "the netlink transport fell back to nft");
    }

    if (Environment.GetEnvironmentVariable("PROXY_BENCH_DUMP") is { Length: > 0 } dump)
    {
        await File.WriteAllTextAsync(dump + ".full.nft", fullScript);
        await File.WriteAllTextAsync(dump + ".incremental.nft", incScript);
    }

    var listed = await HostCommand.RunCheckedAsync("ip", ["netns", "exec", ns, "nft", "list", "chains", "ip"]);
    Console.WriteLine($"nftables proxy sync, {services:N0} Services x 2 endpoints, {rounds} rounds (median), in netns {ns}");
    Console.WriteLine($"full script: {fullScript.Length / 1024.0 / 1024.0:F1} MiB, {fullScript.Count(c => c == '\n'):N0} lines; chains in the kernel: {listed.Split('\n').Count(l => l.Contains("chain ", StringComparison.Ordinal)):N0}");
    Console.WriteLine($"incremental script (one endpoint removed): {incScript.Count(c => c == '\n')} lines");
    Console.WriteLine();
    Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()} (wall times grow with it; CPU times are this process + nft)");
    Console.WriteLine("| measurement | backend wall (ms) | nft -f alone wall (ms) | ratio | backend CPU (ms) | nft alone CPU (ms) | ratio |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    Row("full sync, netlink transport (render + one batch)", fullSync, fullNft, fullCpu, fullNftCpu);
    Row("full sync, nft transport (render + nft -f)", fullViaNft, fullNft, fullViaNftCpu, fullNftCpu);
    Row("one endpoint removed, netlink transport (diff + one batch)", incSync, incNft, incCpu, incNftCpu);
    Row("one endpoint removed, nft transport (diff + nft -f)", incViaNft, incNft, incViaNftCpu, incNftCpu);
    Row("one endpoint removed, netlink batch alone (no diff)", incNetlink, incNft, incNetlinkCpu, incNftCpu);
    Row("one endpoint added, netlink transport (diff + one batch)", addSync, addNft, addCpu, addNftCpu);
    Console.WriteLine($"| diff only, one endpoint removed (no I/O) | {Median(diff):F1} | | | {Median(diffCpu):F1} | | |");
    Console.WriteLine($"| render only, full plan | {Median(render):F1} | | | | | |");
    Console.WriteLine();
    Console.WriteLine("full sync through netlink, CPU ms by part: " + string.Join(", ", fullParts.Select(p => $"{p.Key} {Median(p.Value):F0}")));
    Console.WriteLine();
    var change = Math.Max(Median(incSync), Median(addSync));
    Console.WriteLine($"targets (wall): full <= 1000 ms ({(Median(fullSync) <= 1000 ? "met" : "MISSED")}), one endpoint change (removed or added) <= 50 ms ({(change <= 50 ? "met" : "MISSED")})");
    if (Environment.GetEnvironmentVariable("PROXY_BENCH_IPTABLES") != "0")
    {
        // The iptables mode beside it, both flavors, same Services (PROXY_BENCH_IPTABLES=0 skips: iptables-nft's
        // --noflush full sync of 10k Services takes minutes on this kernel).
        await backend.CleanupAsync(CancellationToken.None);
        Console.WriteLine();
        await Orchestrator.Bench.Proxy.Iptables.IptablesSyncBench.RunAsync(ns, services, Console.Out);
    }

    return 0;
}
finally
{
    await HostCommand.RunAsync("ip", ["netns", "del", ns]);
    Directory.Delete(scratch, recursive: true);
}

async Task<double> NftAloneAsync(NftCommand nft, string script)
{
    var file = Path.Combine(scratch, "script.nft");
    await File.WriteAllTextAsync(file, script);
    var clock = Stopwatch.StartNew();
    var result = await HostCommand.RunAsync(nft.File, [.. nft.Prefix, "-f", file]);
    var elapsed = clock.Elapsed.TotalMilliseconds;
    Check(result.Succeeded, "nft -f failed: " + result.StandardError);
    return elapsed;
}

static void Row(string name, List<double> wall, List<double> wallNft, List<double> cpu, List<double> cpuNft) =>
    Console.WriteLine($"| {name} | {Median(wall):F1} | {Median(wallNft):F1} | {Median(wall) / Median(wallNft):F2}x | {Median(cpu):F1} | {Median(cpuNft):F1} | {Median(cpu) / Median(cpuNft):F2}x |");

static double Median(List<double> values) => BenchPlans.Median(values);

static void Check(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}
