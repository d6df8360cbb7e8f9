using Microsoft.Extensions.Logging;
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
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var nodeName = arguments.Option("node-name") ?? throw new UsageException("--node-name is required");
        var options = new ProxyOptions(nodeName, arguments.Option("mode") ?? "nftables", arguments.Option("cluster-cidr") ?? "10.244.0.0/16");
        var dryRun = ClientArguments.Flag(arguments, "dry-run", false);
        var cleanup = ClientArguments.Flag(arguments, "cleanup", false);
        if (dryRun && cleanup)
        {
            throw new UsageException("--dry-run and --cleanup exclude each other");
        }

        options.Validate();
        var hns = options.Mode == "hns" ? HnsArguments(arguments, dryRun) : null;
        if (hns is not null && dryRun)
        {
            // No HNS to read: the documents come from the cluster alone, on any OS.
            using var dryRunClient = ClientArguments.Client(arguments);
            arguments.EnsureConsumed();
            await output.WriteAsync(await HnsDryRun.RenderAsync(dryRunClient, options, hns, CancellationToken.None));
            return 0;
        }

        var backend = hns is null ? ProxyBackends.Create(options.Mode) : ProxyBackends.CreateHns(hns);
        if (cleanup)
        {
            arguments.EnsureConsumed();
            await backend.CleanupAsync(CancellationToken.None);
            await output.WriteLineAsync($"orchestrator proxy: removed the {backend.Mode} rules");
            return 0;
        }

        using var client = ClientArguments.Client(arguments);
        var metricsAddress = dryRun ? null : MetricsListener.Address(arguments);
        var tracing = dryRun ? null : TracingArguments.From(arguments);
        arguments.EnsureConsumed();
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
    internal static HnsOptions HnsArguments(Arguments arguments, bool dryRun)
    {
        var type = arguments.Option("network-type") ?? HnsNetworkInfo.L2Bridge;
        if (type != HnsNetworkInfo.L2Bridge && type != HnsNetworkInfo.Overlay)
        {
            throw new UsageException($"--network-type must be {HnsNetworkInfo.L2Bridge} or {HnsNetworkInfo.Overlay}, not '{type}'");
        }

        if (!dryRun && type != HnsNetworkInfo.L2Bridge)
        {
            throw new UsageException("--network-type is for --dry-run only: a running proxy reads the type from HNS");
        }

        // Dry-run defaults to the names the win-bridge and flannel VXLAN set-ups give their networks.
        var name = arguments.Option("network-name")
            ?? Environment.GetEnvironmentVariable(HnsOptions.NetworkEnvironmentVariable)
            ?? (dryRun ? (type == HnsNetworkInfo.Overlay ? "vxlan0" : "cbr0") : throw new UsageException($"--network-name (or env {HnsOptions.NetworkEnvironmentVariable}) is required in hns mode"));
        return new HnsOptions(name, arguments.Option("source-vip"), ClientArguments.Flag(arguments, "enable-dsr", false), type);
    }
}
