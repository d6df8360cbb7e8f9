using Microsoft.Extensions.Logging;
using Orchestrator.Scheduler;
using Orchestrator.Scheduler.Framework;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator scheduler`: the scheduler alone, against any API server, with leader election.</summary>
internal static class SchedulerCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        using var client = ClientArguments.Client(arguments);
        var options = Options(arguments);
        if (arguments.Option("identity") is { } identity)
        {
            options = options with { Identity = identity };
        }

        var metricsAddress = MetricsListener.Address(arguments);
        var tracing = TracingArguments.From(arguments);
        arguments.EnsureConsumed();
        using var metrics = await MetricsListener.StartAsync(metricsAddress, output);
        using var tracer = Client.Tracing.TracingSetup.Start(tracing, "kube-scheduler");
        using var loggers = ClientArguments.Loggers(LogLevel.Information);
        using var shutdown = ClientArguments.ShutdownToken();
        await output.WriteLineAsync($"orchestrator scheduler: {options.SchedulerName} as {options.Identity}");
        await SchedulerHost.RunAsync(client, loggers, options, shutdown.Token);
        return 0;
    }

    public static SchedulerOptions Options(Arguments arguments)
    {
        var options = new SchedulerOptions { LeaderElect = ClientArguments.Flag(arguments, "leader-elect", true) };
        if (arguments.Option("disable-plugins") is { } disabled)
        {
            // e.g. --disable-plugins=ImagePlatform: every in-tree plugin but these (unknown names fail at start-up).
            var names = disabled.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.Except(PluginRegistry.Names).ToList();
            options = unknown.Count == 0
                ? options with { Plugins = [.. PluginRegistry.Names.Except(names)] }
                : throw new UsageException($"--disable-plugins: unknown scheduler plugin(s): {string.Join(", ", unknown)}");
        }

        return arguments.Option("scheduler-name") is { } name ? options with { SchedulerName = name } : options;
    }
}
