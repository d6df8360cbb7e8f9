using Orchestrator.Scheduler;
using Orchestrator.Scheduler.Framework;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator scheduler`: the scheduler alone, against any API server, with leader election.</summary>
internal static class SchedulerCommand
{
    public static async Task<int> RunAsync(ParseResult parsed, TextWriter output)
    {
        using var client = ClientArguments.Client(parsed);
        var options = Options(parsed);
        if (parsed.Value<string>("identity") is { } identity)
        {
            options = options with { Identity = identity };
        }

        using var process = await ComponentProcess.StartAsync(parsed, output, "kube-scheduler");
        await output.WriteLineAsync($"orchestrator scheduler: {options.SchedulerName} as {options.Identity}");
        await SchedulerHost.RunAsync(client, process.Loggers, options, process.Shutdown);
        return 0;
    }

    public static SchedulerOptions Options(ParseResult parsed)
    {
        var options = new SchedulerOptions { LeaderElect = parsed.Boolean("leader-elect") ?? true };
        if (parsed.Value<string>("disable-plugins") is { } disabled)
        {
            // e.g. --disable-plugins=ImagePlatform: every in-tree plugin but these (unknown names fail at start-up).
            var names = disabled.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.Except(PluginRegistry.Names).ToList();
            options = unknown.Count == 0
                ? options with { Plugins = [.. PluginRegistry.Names.Except(names)] }
                : throw new UsageException($"--disable-plugins: unknown scheduler plugin(s): {string.Join(", ", unknown)}");
        }

        return parsed.Value<string>("scheduler-name") is { } name ? options with { SchedulerName = name } : options;
    }
}
