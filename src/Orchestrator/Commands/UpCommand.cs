using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator up`: the all-in-one host, which gains a component with each roadmap issue.</summary>
internal static partial class UpCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var dataDirectory = Path.GetFullPath(arguments.Option("data-dir") ?? ".orchestrator");
        var storeUrl = arguments.Option("store") ?? "sqlite://" + Path.Combine(dataDirectory, "state.db");
        arguments.EnsureConsumed();

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddSingleton(_ => StoreFactory.Open(storeUrl));
        builder.Services.AddHostedService<StoreStartup>();
        using var host = builder.Build();
        await output.WriteLineAsync($"orchestrator up: store {storeUrl}; API server, scheduler, controllers and kubelet are not built yet (roadmap issues 3-5). Ctrl+C stops.");
        await host.RunAsync();
        return 0;
    }

    /// <summary>Opens the store at start-up and reports where it stands, so a broken store fails the host at once.</summary>
    private sealed partial class StoreStartup(IStore store, ILogger<StoreStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken) =>
            LogReady(logger, await store.GetCurrentRevisionAsync(cancellationToken));

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "store ready at revision {Revision}")]
        private static partial void LogReady(ILogger logger, long revision);
    }
}
