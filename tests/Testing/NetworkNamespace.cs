using System.Diagnostics;
using System.Security.Cryptography;
using Orchestrator.Client.Processes;

namespace Orchestrator.Testing;

/// <summary>
/// A scratch network namespace (<c>ip netns add</c>) named with a random suffix, for tests that change routes,
/// links, nftables or iptables without touching the host's root namespace. Disposing kills the processes started in
/// it (by PID) and deletes it, which takes its links, routes, nftables/iptables and conntrack state with it.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private static readonly string[] BaseTools = ["ip", "nft", "nsenter"];

    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["ip"] = "iproute2",
        ["nft"] = "nftables",
        ["nsenter"] = "util-linux",
        ["iptables-legacy"] = "iptables",
        ["iptables-nft"] = "iptables",
        ["dockerd"] = "docker.io",
        ["docker"] = "docker.io",
    };

    private readonly List<Process> _processes = [];

    private NetworkNamespace(string name) => Name = name;

    /// <summary>The name under /run/netns, at most 15 characters so it can also name interfaces.</summary>
    public string Name { get; }

    /// <summary>The bind-mounted namespace file, for <c>nsenter --net=</c>.</summary>
    public string Path => "/run/netns/" + Name;

    /// <summary>
    /// Why scratch namespaces (and the extra <paramref name="tools"/> a test runs in them, e.g. <c>busybox</c> or
    /// <c>iptables-legacy</c>) cannot be used here: not Linux, not root, or tools missing from PATH (named with their
    /// Debian packages); null when everything is there.
    /// </summary>
    public static string? Unavailable(params string[] tools)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux-only";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "network namespaces need root";
        }

        var missing = BaseTools.Concat(tools).Distinct(StringComparer.Ordinal).Where(t => !OnPath(t)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var packages = missing.Select(t => Packages.GetValueOrDefault(t, t)).Distinct(StringComparer.Ordinal);
        return $"missing {string.Join(", ", missing)} (apt-get install {string.Join(' ', packages)})";
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

    /// <summary>
    /// Adds a veth pair: <paramref name="name"/> here, its peer <paramref name="peerName"/> in
    /// <paramref name="peerNamespace"/> (or here too when null); both ends up, no addresses.
    /// </summary>
    public async Task AddVethPairAsync(string name, string peerName, NetworkNamespace? peerNamespace = null, CancellationToken cancellationToken = default)
    {
        var peer = peerNamespace ?? this;
        List<string> add = ["link", "add", name, "type", "veth", "peer", "name", peerName];
        if (peerNamespace is not null)
        {
            add.AddRange(["netns", peerNamespace.Name]);
        }

        await IpAsync(add, cancellationToken);
        await IpAsync(["link", "set", name, "up"], cancellationToken);
        await peer.IpAsync(["link", "set", peerName, "up"], cancellationToken);
    }

    /// <summary>Starts a long-running <paramref name="file"/> inside the namespace (output discarded); disposing kills it by PID.</summary>
    public Process Start(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", Name, file }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file} in {Name}");
        _processes.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _processes.Clear();
        await HostCommand.RunAsync("ip", ["netns", "del", Name]);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(System.IO.Path.Combine(directory, tool)));
}
