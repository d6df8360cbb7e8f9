using System.Diagnostics;
using System.Globalization;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ControllerManager;
using Orchestrator.Scheduler;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Pods;

/// <summary>
/// An in-process API server, scheduler and controller manager, and one real kubelet (a separate
/// `orchestrator kubelet --runtime containerd` process on the benchmark's containerd), Ready.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly InProcessApiServer _api;
    private readonly CancellationTokenSource _stop;
    private readonly Task _components;
    private readonly Process _kubelet;
    private readonly string _kubeconfig;
    private readonly string _root;

    private BenchCluster(InProcessApiServer api, CancellationTokenSource stop, Task components, Process kubelet, string kubeconfig, string root)
    {
        _api = api;
        _stop = stop;
        _components = components;
        _kubelet = kubelet;
        _kubeconfig = kubeconfig;
        _root = root;
    }

    public IKubernetes Client => _api.Client;

    /// <summary>The kubelet process's resident memory now, in bytes.</summary>
    public long KubeletRss => Rss(_kubelet.Id);

    /// <summary>A process's resident memory now, in bytes.</summary>
    public static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <param name="localPath">Whether the kubelet runs its local-path provisioner (with the same, unauthenticated, kubeconfig).</param>
    public static async Task<BenchCluster> StartAsync(ContainerdFixture containerd, bool localPath = false)
    {
        var api = await InProcessApiServer.StartAsync();
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"bench-kubeconfig-{Guid.NewGuid():N}");
        ApiServer.Hosting.Kubeconfig.Write(kubeconfig, api.Address);
        var stop = new CancellationTokenSource();
        var scheduler = SchedulerHost.RunAsync(api.Client, NullLoggerFactory.Instance, new SchedulerOptions { Identity = "bench" }, stop.Token);
        var controllers = ControllerManagerHost.RunAsync(api.Client, NullLoggerFactory.Instance, new ControllerManagerOptions { Identity = "bench", ClusterCidr = containerd.PodCidr }, stop.Token);
        var root = Directory.CreateTempSubdirectory("bench-kubelet-").FullName;
        var cluster = new BenchCluster(api, stop, Task.WhenAll(scheduler, controllers), StartKubelet(kubeconfig, containerd, root, localPath ? ["--local-path-kubeconfig", kubeconfig] : []), kubeconfig, root);
        try
        {
            await WaitAsync(async () => (await api.Client.CoreV1.ListNodeAsync()).Items.Any(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true && !string.IsNullOrEmpty(n.Spec?.PodCIDR)), "the node to be Ready");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _components.ContinueWith(_ => { }, TaskScheduler.Default);
        _kubelet.Kill(entireProcessTree: true);
        await _kubelet.WaitForExitAsync();
        _kubelet.Dispose();
        _stop.Dispose();
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
        Directory.Delete(_root, recursive: true);
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts `orchestrator kubelet --runtime containerd` as node bench-node on <paramref name="root"/>, with <paramref name="extra"/> arguments.</summary>
    public static Process StartKubelet(string kubeconfig, ContainerdFixture containerd, string root, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "kubelet", "--kubeconfig", kubeconfig, "--runtime", "containerd",
            "--node-name", "bench-node", "--root-dir", root, "--containerd-state-dir", containerd.StateDir, "--node-ip", "127.0.0.1", "--port", "0",
            "--pod-network", "none", "--proxy-mode", "none", "--node-dns", "false",
        }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
