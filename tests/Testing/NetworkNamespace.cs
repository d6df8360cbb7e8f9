using System.Security.Cryptography;
using Orchestrator.Client.Processes;

namespace Orchestrator.Testing;

/// <summary>
/// A scratch network namespace (<c>ip netns add</c>) named with a random suffix, for tests that change routes,
/// links or nftables without touching the host's root namespace. Disposing deletes it, which takes its links,
/// routes, nftables/iptables and conntrack state with it.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private NetworkNamespace(string name) => Name = name;

    /// <summary>The name under /run/netns, at most 15 characters so it can also name interfaces.</summary>
    public string Name { get; }

    /// <summary>The bind-mounted namespace file, for <c>nsenter --net=</c>.</summary>
    public string Path => "/run/netns/" + Name;

    /// <summary>Why scratch namespaces cannot be made here (not root, iproute2 or nftables missing), or null.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux-only";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "network namespaces need root";
        }

        var missing = new[] { "/usr/sbin/ip", "/usr/sbin/nft", "/usr/bin/nsenter" }.Where(f => !File.Exists(f)).ToList();
        return missing.Count == 0 ? null : $"missing {string.Join(", ", missing)} (apt-get install iproute2 nftables util-linux)";
    }

    /// <summary>A random lower-case hex suffix of <paramref name="length"/> characters.</summary>
    public static string RandomSuffix(int length = 6) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    /// <summary>Creates <c>PREFIX-RANDOM</c> with <c>lo</c> up. <paramref name="prefix"/> must leave room for the suffix (≤ 8 characters).</summary>
    public static async Task<NetworkNamespace> CreateAsync(string prefix = "orc-t", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, 8, nameof(prefix));
        var name = $"{prefix}-{RandomSuffix()}";
        await HostCommand.RunCheckedAsync("ip", ["netns", "add", name], cancellationToken);
        var created = new NetworkNamespace(name);
        try
        {
            await created.IpAsync(["link", "set", "lo", "up"], cancellationToken);
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="setup"/> on the namespace and deletes it when setup throws (xunit never disposes a
    /// fixture whose InitializeAsync failed).
    /// </summary>
    public async Task SetUpAsync(Func<NetworkNamespace, Task> setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        try
        {
            await setup(this);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="file"/> inside the namespace (<c>ip netns exec</c>: fine for short tools, never for containerd).</summary>
    public Task<HostCommandResult> ExecAsync(string file, IEnumerable<string> arguments, string? standardInput = null, CancellationToken cancellationToken = default) =>
        HostCommand.RunAsync("ip", ["netns", "exec", Name, file, .. arguments], standardInput, cancellationToken);

    /// <summary>As <see cref="ExecAsync"/>, throwing with stderr when the exit code is not 0; returns stdout.</summary>
    public Task<string> ExecCheckedAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        HostCommand.RunCheckedAsync("ip", ["netns", "exec", Name, file, .. arguments], cancellationToken);

    /// <summary><c>ip -n NAME ARGS</c>, checked; returns stdout.</summary>
    public Task<string> IpAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        HostCommand.RunCheckedAsync("ip", ["-n", Name, .. arguments], cancellationToken);

    public async ValueTask DisposeAsync() => await HostCommand.RunAsync("ip", ["netns", "del", Name]);
}
