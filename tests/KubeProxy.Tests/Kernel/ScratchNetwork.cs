using System.Diagnostics;
using System.Security.Cryptography;
using Orchestrator.Client.Processes;

namespace Orchestrator.KubeProxy.Tests.Kernel;

/// <summary>
/// Network namespaces named <c>orc-t-&lt;random&gt;-&lt;role&gt;</c> and processes started in them, all removed on
/// dispose (processes by PID), so a test never touches the host's root namespace.
/// </summary>
public sealed class ScratchNetwork : IAsyncDisposable
{
    private readonly string prefix = "orc-t-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly List<string> namespaces = [];
    private readonly List<Process> processes = [];

    public async Task<string> AddNamespaceAsync(string role)
    {
        var name = $"{prefix}-{role}";
        namespaces.Add(name);
        await RunAsync("ip", "netns", "add", name);
        await InAsync(name, "ip", "link", "set", "lo", "up");
        return name;
    }

    public Task<string> InAsync(string ns, params string[] command) => RunAsync("ip", ["netns", "exec", ns, .. command]);

    public Task<HostCommandResult> TryInAsync(string ns, params string[] command) =>
        HostCommand.RunAsync("ip", ["netns", "exec", ns, .. command]);

    /// <summary>Connects <paramref name="pod"/> to <paramref name="node"/> with a veth pair on subnet <c>prefix.0/24</c> (node .1, pod .2, pod's default route via the node).</summary>
    public async Task ConnectAsync(string node, string pod, string link, string subnetPrefix)
    {
        await RunAsync("ip", "-n", node, "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", pod);
        await RunAsync("ip", "-n", node, "addr", "add", subnetPrefix + ".1/24", "dev", link);
        await RunAsync("ip", "-n", node, "link", "set", link, "up");
        await RunAsync("ip", "-n", pod, "addr", "add", subnetPrefix + ".2/24", "dev", "eth0");
        await RunAsync("ip", "-n", pod, "link", "set", "eth0", "up");
        await RunAsync("ip", "-n", pod, "route", "add", "default", "via", subnetPrefix + ".1");
    }

    /// <summary>Starts a long-running process inside <paramref name="ns"/>; it is killed on dispose.</summary>
    public Process Start(string ns, params string[] command)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", ns }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + string.Join(' ', command));
        processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        foreach (var ns in namespaces)
        {
            await HostCommand.RunAsync("ip", ["netns", "del", ns]);
        }

        namespaces.Clear();
        processes.Clear();
    }

    private static Task<string> RunAsync(string file, params string[] arguments) => HostCommand.RunCheckedAsync(file, arguments);
}
