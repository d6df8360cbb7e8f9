using System.Diagnostics;
using System.Net;
using System.Text;
using Orchestrator.Client.Processes;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Compose;

/// <summary>
/// A private dockerd (its own data root, exec root, socket and containerd namespace) inside a scratch network
/// namespace, so its bridges, iptables chains and FORWARD policy die with the namespace and never touch the host's.
/// A veth pair joins the namespace to the host: <see cref="Address"/> reaches its published ports. Started with
/// <c>nsenter --net</c> (not <c>ip netns exec</c>, which remounts /sys and hides the cgroup hierarchies dockerd needs).
/// Disposing stops it by PID, unmounts what it left under its roots, deletes them and the namespace.
/// </summary>
internal sealed class DockerDaemon : IAsyncDisposable
{
    private readonly NetworkNamespace _namespace;
    private readonly string _root;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DockerDaemon(NetworkNamespace ns, string root, IPAddress address, Process process)
    {
        _namespace = ns;
        _root = root;
        Address = address;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    /// <summary>The namespace's end of the veth, where ports the daemon publishes are reachable from the host.</summary>
    public IPAddress Address { get; }

    public string NamespaceName => _namespace.Name;

    public string Host => "unix://" + Path.Combine(_root, "docker.sock");

    /// <summary>The tools the daemon and the compose test need on PATH, or null when they are all there.</summary>
    public static string? Unavailable()
    {
        // Missing tools are named with their Debian packages (docker.io, docker-compose, debootstrap: scripts/setup.sh).
        if (NetworkNamespace.Unavailable("dockerd", "docker", "docker-compose", "debootstrap", "kubectl") is { } reason)
        {
            return reason;
        }

        return Directory.Exists("/sys/fs/cgroup/devices") || File.Exists("/sys/fs/cgroup/cgroup.controllers")
            ? null
            : "dockerd cannot start here: no cgroup hierarchy with the devices controller under /sys/fs/cgroup";
    }

    public static async Task<DockerDaemon> StartAsync()
    {
        var ns = await NetworkNamespace.CreateAsync("orc-dk");
        var root = Directory.CreateTempSubdirectory("orc-dockerd-").FullName;
        DockerDaemon? daemon = null;
        try
        {
            // A /30 from 10.231.0.0/16 picked at random: the host end .1, the namespace end .2 with the default route.
            var block = Random.Shared.Next(0, 16384) * 4;
            var hostAddress = $"10.231.{block / 256}.{(block % 256) + 1}";
            var address = IPAddress.Parse($"10.231.{block / 256}.{(block % 256) + 2}");
            var hostLink = "orc-dk" + NetworkNamespace.RandomSuffix(6);
            await HostCommand.RunCheckedAsync("ip", ["link", "add", hostLink, "type", "veth", "peer", "name", "eth0", "netns", ns.Name]);
            await HostCommand.RunCheckedAsync("ip", ["addr", "add", hostAddress + "/30", "dev", hostLink]);
            await HostCommand.RunCheckedAsync("ip", ["link", "set", hostLink, "up"]);
            await ns.IpAsync(["addr", "add", address + "/30", "dev", "eth0"]);
            await ns.IpAsync(["link", "set", "eth0", "up"]);
            await ns.IpAsync(["route", "add", "default", "via", hostAddress]);
            var start = new ProcessStartInfo("nsenter") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "--net=" + ns.Path, "dockerd", "--data-root", Path.Combine(root, "root"), "--exec-root", Path.Combine(root, "exec"),
                "-H", "unix://" + Path.Combine(root, "docker.sock"), "--pidfile", Path.Combine(root, "dockerd.pid"),
                "--containerd-namespace", ns.Name, "--containerd-plugins-namespace", ns.Name + "-plugins",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("dockerd did not start");
            daemon = new DockerDaemon(ns, root, address, process);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Eventually.TrueAsync(async () => process.HasExited || (await daemon.RunAsync("docker", ["version", "--format", "{{.Server.Version}}"])).Succeeded,
                "dockerd answers on its socket", TimeSpan.FromSeconds(60));
            return process.HasExited ? throw new InvalidOperationException("dockerd exited: " + daemon.Log) : daemon;
        }
        catch
        {
            if (daemon is not null)
            {
                await daemon.DisposeAsync();
            }
            else
            {
                await ns.DisposeAsync();
                Directory.Delete(root, recursive: true);
            }

            throw;
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Runs <paramref name="file"/> (docker, docker-compose, a script) on the host with DOCKER_HOST set to this daemon.</summary>
    public async Task<HostCommandResult> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOCKER_HOST"] = Host;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in {(timeout ?? TimeSpan.FromMinutes(2)).TotalSeconds:0} s: {await stderr}");
        }

        return new HostCommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>As <see cref="RunAsync"/>, failing with the command's output unless it exits 0; returns stdout.</summary>
    public async Task<string> RunCheckedAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(file, list, workingDirectory, timeout);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"{file} {string.Join(' ', list)} exited {result.ExitCode}: {result.StandardError}\n{result.StandardOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Its containers first (by ID, all of them are this daemon's), then dockerd with SIGTERM, which stops its
            // containerd; SIGKILL only when it hangs.
            var containers = await RunAsync("docker", ["ps", "-aq"]);
            var ids = containers.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length > 0)
            {
                await RunAsync("docker", ["rm", "-f", "-v", .. ids]);
            }

            await HostCommand.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        // Anything dockerd left in the namespace (its containerd, a shim) is killed by PID.
        var pids = await HostCommand.RunAsync("ip", ["netns", "pids", _namespace.Name]);
        foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await HostCommand.RunAsync("kill", ["-9", pid]);
        }

        // Overlay and shm mounts left under the roots, deepest first.
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mounts"))
            .Select(line => line.Split(' ')[1])
            .Where(point => point.StartsWith(_root + "/", StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mounts)
        {
            await HostCommand.RunAsync("umount", ["-l", point]);
        }

        await _namespace.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
