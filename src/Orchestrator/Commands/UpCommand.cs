using System.Globalization;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator up`: the all-in-one host, which gains a component with each roadmap issue.</summary>
internal static class UpCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var dataDirectory = Path.GetFullPath(arguments.Option("data-dir") ?? ".orchestrator");
        var storeUrl = arguments.Option("store") ?? "sqlite://" + Path.Combine(dataDirectory, "state.db");
        var portText = arguments.Option("port") ?? "6443";
        arguments.EnsureConsumed();
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new UsageException($"--port must be a TCP port number, not \"{portText}\"");
        }

        Directory.CreateDirectory(dataDirectory);
        await using var store = StoreFactory.Open(storeUrl);
        await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = port }, logging =>
            logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var kubeconfig = Kubeconfig.Write(Path.Combine(dataDirectory, "kubeconfig"), server.Address);
        await output.WriteLineAsync($"orchestrator up: API server {server.Address} on {storeUrl}; kubeconfig {kubeconfig}");
        await server.WaitForShutdownAsync();
        return 0;
    }
}
