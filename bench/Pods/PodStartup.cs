using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
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
        await using var cluster = await BenchCluster.StartAsync(containerd);
        await Task.Delay(TimeSpan.FromSeconds(3)); // let start-up allocations settle before reading memory
        var idle = cluster.KubeletRss;

        var times = await MeasureAsync(cluster.Client, containerd, pods);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var loaded = cluster.KubeletRss;

        var all = Percentiles.Of(times);
        output.WriteLine($"raw CRI RunPodSandbox+CreateContainer+StartContainer, {pods} pods one at a time: {raw}");
        output.WriteLine($"orchestrator create -> Running (watch), {pods} pods one at a time:       {all}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio to raw CRI: p50 {all.P50 / raw.P50:F2}x, p99 {all.P99 / raw.P99:F2}x"));
        output.WriteLine($"kubelet process RSS: {idle / 1048576.0:F1} MiB with 0 pods, {loaded / 1048576.0:F1} MiB with {pods} pods");
    }

    private static async Task<List<double>> MeasureAsync(IKubernetes client, ContainerdFixture containerd, int pods)
    {
        await using var watch = await RunningWatch.StartAsync(client);
        var times = new List<double>();
        for (var i = 0; i < pods; i++)
        {
            var name = "bench-" + i.ToString(CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            await client.CoreV1.CreateNamespacedPodAsync(Pod(name, containerd.BusyboxImage, null), "default");
            await watch.RunningAsync(name);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>A busybox sleeper; with <paramref name="claim"/>, mounting that claim at /data.</summary>
    public static V1Pod Pod(string name, string image, string? claim) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 0,
            Containers =
            [
                new V1Container
                {
                    Name = "main", Image = image, ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"],
                    VolumeMounts = claim is null ? null : [new V1VolumeMount { Name = "data", MountPath = "/data" }],
                },
            ],
            Volumes = claim is null ? null : [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }],
        },
    };
}
