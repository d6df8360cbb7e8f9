using Microsoft.Extensions.Logging;
using Orchestrator.KubeProxy;
using Orchestrator.KubeProxy.Backends;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator proxy`: one node's service proxy (kube-proxy) against any API server; <c>--dry-run</c> prints the
/// ruleset it would apply once and exits, <c>--cleanup</c> removes everything the mode programs and exits.
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
        var backend = ProxyBackends.Create(options.Mode);
        if (cleanup)
        {
            arguments.EnsureConsumed();
            await backend.CleanupAsync(CancellationToken.None);
            await output.WriteLineAsync($"orchestrator proxy: removed the {backend.Mode} rules");
            return 0;
        }

        using var client = ClientArguments.Client(arguments);
        var metricsAddress = dryRun ? null : MetricsListener.Address(arguments);
        arguments.EnsureConsumed();
        if (dryRun)
        {
            await output.WriteAsync(await ProxyHost.RenderOnceAsync(client, options, backend, CancellationToken.None));
            return 0;
        }

        using var metrics = await MetricsListener.StartAsync(metricsAddress, output);
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
}
