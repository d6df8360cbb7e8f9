using Orchestrator.Client.Processes;

namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// Runs the iptables tools and writes sysctls in the node's network namespace: the proxy's own one, or another
/// through a command prefix (<c>ip netns exec NS</c>, used by tests and benchmarks in scratch namespaces).
/// </summary>
internal sealed class IptablesHost(IReadOnlyList<string> commandPrefix)
{
    public static IptablesHost Local { get; } = new([]);

    public static IptablesHost InNetns(string netns) => new(["ip", "netns", "exec", netns]);

    public Task<HostCommandResult> RunAsync(string tool, IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        if (commandPrefix.Count == 0)
        {
            return HostCommand.RunAsync(tool, arguments, standardInput, cancellationToken);
        }

        return HostCommand.RunAsync(commandPrefix[0], commandPrefix.Skip(1).Append(tool).Concat(arguments), standardInput, cancellationToken);
    }

    public async Task<string> RunCheckedAsync(string tool, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var result = await RunAsync(tool, arguments, standardInput, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"'{tool} {string.Join(' ', arguments)}' exited with {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {result.StandardError.Trim()}".TrimEnd());
        }

        return result.StandardOutput;
    }

    /// <summary>Writes <paramref name="value"/> to <c>/proc/sys/<paramref name="key"/></c> (path form, e.g. <c>net/ipv4/conf/all/route_localnet</c>).</summary>
    public async Task SetSysctlAsync(string key, int value, CancellationToken cancellationToken)
    {
        var path = "/proc/sys/" + key;
        var text = value.ToString(CultureInfo.InvariantCulture) + "\n";
        if (commandPrefix.Count == 0)
        {
            await File.WriteAllTextAsync(path, text, cancellationToken);
            return;
        }

        // /proc/sys/net shows the network namespace of the process that opens it, so the write runs inside.
        await RunCheckedAsync("tee", [path], text, cancellationToken);
    }
}
