using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Backends;
using Orchestrator.KubeProxy.Backends.Iptables;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.Testing;
using static Orchestrator.KubeProxy.Tests.Backends.Iptables.IptablesPlanInputs;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>The backend against the real kernel, in scratch network namespaces, for both iptables flavors.</summary>
public class IptablesKernelTests
{
    private const string WebSvc = "KUBE-SVC-CDGGSHYLG3RE2FKL";
    private const string DnsSvc = "KUBE-SVC-TCOU7JCQXEZGVUNU";
    private const string DroppedSep = "KUBE-SEP-SS2T4ADR43IYLGAO";

    private static readonly ProxyPlan Before = PlanOf(
        Web() with { NodePort = 30080, ClusterEndpoints = [Ep("10.244.1.5", 8080), Ep("10.244.2.4", 8080)] },
        Dns([Ep("10.244.0.5", 53), Ep("10.244.1.6", 53)]));

    private static readonly ProxyPlan After = PlanOf(
        Web() with { NodePort = 30080, ClusterEndpoints = [Ep("10.244.1.5", 8080), Ep("10.244.3.7", 8080)] },
        Dns([Ep("10.244.0.5", 53), Ep("10.244.1.6", 53)]));

    public static TheoryData<string> Flavors => ["nft", "legacy"];

    [NetnsTheory("iptables-legacy", "iptables-nft")]
    [MemberData(nameof(Flavors))]
    public async Task Full_sync_writes_chains_and_jumps_exactly_once(string flavor)
    {
        await using var netns = await NetworkNamespace.CreateAsync();
        var first = await Backend(flavor, netns).SyncAsync(Before, default);
        Assert.True(first.Full);

        // A restarted proxy runs a full sync again: its jumps must not be duplicated.
        var restarted = await Backend(flavor, netns).SyncAsync(Before, default);
        Assert.True(restarted.Full);

        var nat = await netns.ExecCheckedAsync($"iptables-{flavor}-save", ["-t", "nat"]);
        Assert.Contains($":{WebSvc}", nat);
        Assert.Contains($":{DnsSvc}", nat);
        Assert.Contains("-j KUBE-SEP-AFGSLHOD2HFNCBX4", nat);
        Assert.Single(nat.Split('\n'), l => l.StartsWith("-A PREROUTING", StringComparison.Ordinal) && l.EndsWith("-j KUBE-SERVICES", StringComparison.Ordinal));
        Assert.Single(nat.Split('\n'), l => l.StartsWith("-A POSTROUTING", StringComparison.Ordinal) && l.EndsWith("-j KUBE-POSTROUTING", StringComparison.Ordinal));
        var filter = await netns.ExecCheckedAsync($"iptables-{flavor}-save", ["-t", "filter"]);
        Assert.Single(filter.Split('\n'), l => l.StartsWith("-A FORWARD", StringComparison.Ordinal) && l.EndsWith("-j KUBE-FORWARD", StringComparison.Ordinal));
        Assert.Equal("1", (await netns.ExecCheckedAsync("cat", ["/proc/sys/net/ipv4/conf/all/route_localnet"])).Trim());
    }

    [NetnsTheory("iptables-legacy", "iptables-nft")]
    [MemberData(nameof(Flavors))]
    public async Task Partial_sync_rewrites_only_the_changed_service_and_ends_equal_to_a_fresh_full_sync(string flavor)
    {
        await using var netns = await NetworkNamespace.CreateAsync();
        await using var fresh = await NetworkNamespace.CreateAsync();
        var backend = Backend(flavor, netns);
        await backend.SyncAsync(Before, default);

        var partial = await backend.SyncAsync(After, default);

        Assert.False(partial.Full);
        Assert.Contains($":{WebSvc} - [0:0]", partial.Script);
        Assert.Contains($":{DroppedSep} - [0:0]", partial.Script);
        Assert.Contains($"-X {DroppedSep}", partial.Script);
        Assert.DoesNotContain($":{DnsSvc}", partial.Script);
        Assert.DoesNotContain("KUBE-SEP-LPGSDLJ3FDW46N4W - [0:0]", partial.Script);
        Assert.Contains($"-j {DnsSvc}", partial.Script); // KUBE-SERVICES is rewritten whole

        await Backend(flavor, fresh).SyncAsync(After, default);
        foreach (var table in new[] { "nat", "filter" })
        {
            var synced = await netns.ExecCheckedAsync($"iptables-{flavor}-save", ["-t", table]);
            var expected = await fresh.ExecCheckedAsync($"iptables-{flavor}-save", ["-t", table]);
            Assert.Equal(SavedState.Normalize(expected), SavedState.Normalize(synced));
        }
    }

    [NetnsTheory("iptables-legacy", "iptables-nft")]
    [MemberData(nameof(Flavors))]
    public async Task A_failed_restore_makes_the_next_sync_full(string flavor)
    {
        await using var netns = await NetworkNamespace.CreateAsync();
        var backend = Backend(flavor, netns);
        await backend.SyncAsync(Before, default);

        var broken = PlanOf(Web() with { ClusterIp = "10.96.0.999", ClusterEndpoints = [Ep("10.244.1.5", 8080)] });
        await Assert.ThrowsAsync<InvalidOperationException>(() => backend.SyncAsync(broken, default));

        var next = await backend.SyncAsync(After, default);
        Assert.True(next.Full);
        Assert.DoesNotContain(DroppedSep, await netns.ExecCheckedAsync($"iptables-{flavor}-save", ["-t", "nat"]));
    }

    [NetnsTheory("iptables-legacy", "iptables-nft")]
    [MemberData(nameof(Flavors))]
    public async Task Cleanup_leaves_no_kube_chains_and_no_jumps(string flavor)
    {
        await using var netns = await NetworkNamespace.CreateAsync();
        var backend = Backend(flavor, netns);
        await backend.SyncAsync(Before, default);

        await backend.CleanupAsync(default);

        foreach (var table in new[] { "nat", "filter", "mangle" })
        {
            var save = await netns.ExecCheckedAsync($"iptables-{flavor}-save", ["-t", table]);
            Assert.DoesNotContain("KUBE-", save);
        }
    }

    [NetnsTheory("iptables-legacy", "iptables-nft")]
    [MemberData(nameof(Flavors))]
    public async Task Sync_reports_udp_endpoints_that_left(string flavor)
    {
        await using var netns = await NetworkNamespace.CreateAsync();
        var backend = Backend(flavor, netns);
        await backend.SyncAsync(Before, default);

        var outcome = await backend.SyncAsync(PlanOf(Dns([Ep("10.244.0.5", 53)])), default);

        Assert.Equal([new StaleUdpEndpoint("10.96.0.10", 53, "10.244.1.6")], outcome.StaleUdpEndpoints);
    }

    internal static IptablesBackend Backend(string flavor, NetworkNamespace netns) =>
        new(new IptablesBackendOptions(flavor), IptablesHost.InNetns(netns.Name), TimeProvider.System, NullLogger<IptablesBackend>.Instance);
}
