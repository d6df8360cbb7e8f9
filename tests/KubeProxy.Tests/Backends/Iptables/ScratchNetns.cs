using Orchestrator.Client.Processes;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>A network namespace named orc-t-&lt;random&gt; with loopback up, deleted (with its rules, links and conntrack) on dispose.</summary>
internal sealed class ScratchNetns : IAsyncDisposable
{
    private ScratchNetns(string name) => Name = name;

    public string Name { get; }

    public static async Task<ScratchNetns> CreateAsync(string? name = null)
    {
        var netns = new ScratchNetns(name ?? "orc-t-" + Guid.NewGuid().ToString("N")[..10]);
        await HostCommand.RunCheckedAsync("ip", ["netns", "add", netns.Name]);
        await netns.ExecAsync("ip", "link", "set", "lo", "up");
        return netns;
    }

    public Task<string> ExecAsync(params string[] command) => HostCommand.RunCheckedAsync("ip", ["netns", "exec", Name, .. command]);

    public Task<HostCommandResult> TryExecAsync(params string[] command) => HostCommand.RunAsync("ip", ["netns", "exec", Name, .. command]);

    public async ValueTask DisposeAsync() => await HostCommand.RunAsync("ip", ["netns", "del", Name]);
}
