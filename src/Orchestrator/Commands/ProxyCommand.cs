using Orchestrator.KubeProxy;
using Orchestrator.KubeProxy.Backends;
using Orchestrator.KubeProxy.Backends.Hns;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator proxy`: one node's service proxy (kube-proxy) against any API server; <c>--dry-run</c> prints the
/// ruleset it would apply once and exits, <c>--cleanup</c> removes everything the mode programs and exits.
/// The <c>hns</c> mode (Windows) takes upstream winkernel's <c>--network-name</c> (else env KUBE_NETWORK),
/// <c>--source-vip</c> and <c>--enable-dsr</c>; its dry-run runs on any OS and also takes <c>--network-type</c>.
/// </summary>
internal static class ProxyCommand
{
    public static async Task<int> RunAsync(ParseResult parsed, TextWriter output)
    {
        var nodeName = parsed.Value<string>("node-name") ?? throw new UsageException("--node-name is required");
        var options = new ProxyOptions(nodeName, parsed.Value<string>("mode") ?? "nftables", parsed.Value<string>("cluster-cidr") ?? "10.244.0.0/16");
        var dryRun = parsed.Value<bool>("dry-run");
        var cleanup = parsed.Value<bool>("cleanup");
        if (dryRun && cleanup)
        {
            throw new UsageException("--dry-run and --cleanup exclude each other");
        }

        options.Validate();
        if (options.Mode != "hns")
        {
            parsed.Unused($"--mode {options.Mode}", OptionSets.Hns());
        }

        if (dryRun || cleanup)
        {
            parsed.Unused(dryRun ? "--dry-run" : "--cleanup", [.. OptionSets.Metrics(), .. OptionSets.Tracing()]);
        }

        var hns = options.Mode == "hns" ? HnsArguments(parsed, dryRun) : null;
        if (hns is not null && dryRun)
        {
            // No HNS to read: the documents come from the cluster alone, on any OS.
            using var dryRunClient = ClientArguments.Client(parsed);
            await output.WriteAsync(await HnsDryRun.RenderAsync(dryRunClient, options, hns, CancellationToken.None));
            return 0;
        }

        var backend = hns is null ? ProxyBackends.Create(options.Mode) : ProxyBackends.CreateHns(hns);
        if (cleanup)
        {
            parsed.Unused("--cleanup", ClientArguments.KubeconfigFlag);
            await backend.CleanupAsync(CancellationToken.None);
            await output.WriteLineAsync($"orchestrator proxy: removed the {backend.Mode} rules");
            return 0;
        }

        using var client = ClientArguments.Client(parsed);
        var metricsAddress = MetricsListener.Address(parsed);
        var tracing = TracingArguments.From(parsed);
        if (dryRun)
        {
            await output.WriteAsync(await ProxyHost.RenderOnceAsync(client, options, backend, CancellationToken.None));
            return 0;
        }

        using var metrics = await MetricsListener.StartAsync(metricsAddress, output);
        using var tracer = Client.Tracing.TracingSetup.Start(tracing, "kube-proxy");
        using var loggers = ClientArguments.Loggers(LogLevel.Information);
        using var shutdown = ClientArguments.ShutdownToken();
        await output.WriteLineAsync($"orchestrator proxy: node {options.NodeName}, {backend.Mode} mode");
        try
        {
            await new ProxyHost(client, loggers, options, backend).RunAsync(shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: the rules stay in place, as upstream's kube-proxy leaves them.
        }

        return 0;
    }

    /// <summary>The hns mode's flags (also a Windows node's: `kubelet`/`join --os windows`).</summary>
    internal static HnsOptions HnsArguments(ParseResult parsed, bool dryRun)
    {
        var type = parsed.Value<string>("network-type") ?? HnsNetworkInfo.L2Bridge;
        if (!dryRun && type != HnsNetworkInfo.L2Bridge)
        {
            throw new UsageException("--network-type is for --dry-run only: a running proxy reads the type from HNS");
        }

        // Dry-run defaults to the names the win-bridge and flannel VXLAN set-ups give their networks.
        var name = parsed.Value<string>("network-name")
            ?? Environment.GetEnvironmentVariable(HnsOptions.NetworkEnvironmentVariable)
            ?? (dryRun ? (type == HnsNetworkInfo.Overlay ? "vxlan0" : "cbr0") : throw new UsageException($"--network-name (or env {HnsOptions.NetworkEnvironmentVariable}) is required in hns mode"));
        return new HnsOptions(name, parsed.Value<string>("source-vip"), parsed.Value<bool>("enable-dsr"), type);
    }
}
