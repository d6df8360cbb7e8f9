using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ControllerManager;
using Orchestrator.Scheduler;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Pods;

/// <summary>
/// Pod startup latency through the whole system: create a pod through the API, observe it Running
/// through a watch — scheduler, kubelet (a separate `orchestrator kubelet --runtime containerd`
/// process on the same containerd), CRI — one pod at a time, like the raw baseline. Also the
/// kubelet process's resident memory with 0 and with N pods.
/// </summary>
internal static class PodStartup
{
    public static async Task RunAsync(ContainerdFixture containerd, int pods, Percentiles raw, TextWriter output)
    {
        await using var api = await InProcessApiServer.StartAsync();
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"bench-kubeconfig-{Guid.NewGuid():N}");
        ApiServer.Hosting.Kubeconfig.Write(kubeconfig, api.Address);
        using var stop = new CancellationTokenSource();
        var scheduler = SchedulerHost.RunAsync(api.Client, NullLoggerFactory.Instance, new SchedulerOptions { Identity = "bench" }, stop.Token);
        var controllers = ControllerManagerHost.RunAsync(api.Client, NullLoggerFactory.Instance, new ControllerManagerOptions { Identity = "bench", ClusterCidr = containerd.PodCidr }, stop.Token);
        var root = Directory.CreateTempSubdirectory("bench-kubelet-").FullName;
        using var kubelet = StartKubelet(kubeconfig, containerd, root);
        try
        {
            await WaitAsync(async () => (await api.Client.CoreV1.ListNodeAsync()).Items.Any(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true && !string.IsNullOrEmpty(n.Spec?.PodCIDR)), "the node to be Ready");
            await Task.Delay(TimeSpan.FromSeconds(3)); // let start-up allocations settle before reading memory
            var idle = Rss(kubelet.Id);

            var times = await MeasureAsync(api.Client, containerd, pods);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var loaded = Rss(kubelet.Id);

            var all = Percentiles.Of(times);
            output.WriteLine($"raw CRI RunPodSandbox+CreateContainer+StartContainer, {pods} pods one at a time: {raw}");
            output.WriteLine($"orchestrator create -> Running (watch), {pods} pods one at a time:       {all}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio to raw CRI: p50 {all.P50 / raw.P50:F2}x, p99 {all.P99 / raw.P99:F2}x"));
            output.WriteLine($"kubelet process RSS: {idle / 1048576.0:F1} MiB with 0 pods, {loaded / 1048576.0:F1} MiB with {pods} pods");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(scheduler, controllers).ContinueWith(_ => { }, TaskScheduler.Default);
            kubelet.Kill(entireProcessTree: true);
            await kubelet.WaitForExitAsync();
            File.Delete(kubeconfig);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<List<double>> MeasureAsync(IKubernetes client, ContainerdFixture containerd, int pods)
    {
        var running = new ConcurrentDictionary<string, TaskCompletionSource>();
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: watching.Token))
            {
                if (pod.Status?.Phase == "Running" && running.TryGetValue(pod.Metadata.Name, out var seen))
                {
                    seen.TrySetResult();
                }
            }
        });
        await Task.Delay(500); // the watch is open before the first create

        var times = new List<double>();
        for (var i = 0; i < pods; i++)
        {
            var name = "bench-" + i.ToString(CultureInfo.InvariantCulture);
            var seen = running[name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            await client.CoreV1.CreateNamespacedPodAsync(Pod(name, containerd.BusyboxImage), "default");
            await seen.Task.WaitAsync(TimeSpan.FromSeconds(60));
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        await watching.CancelAsync();
        await watch.ContinueWith(_ => { }, TaskScheduler.Default);
        return times;
    }

    private static V1Pod Pod(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 0,
            Containers = [new V1Container { Name = "main", Image = image, ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }],
        },
    };

    /// <summary>An `orchestrator kubelet --runtime containerd` process on the containerd, with <paramref name="extra"/> arguments.</summary>
    internal static Process StartKubelet(string kubeconfig, ContainerdFixture containerd, string root, params string[] extra)
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

    internal static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, string what)
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
}
