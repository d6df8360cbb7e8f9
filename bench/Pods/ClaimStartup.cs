using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Pods;

/// <summary>
/// Issue 15: a claim of the local-path class created with its pod → claim Bound (scheduler picks the node, the
/// node's provisioner makes the volume, the binder binds) → pod Running, against a pod without a volume
/// in the same run, alternating one of each so both see the same machine.
/// </summary>
internal static class ClaimStartup
{
    private const string ClassName = "local-path";

    public static async Task RunAsync(ContainerdFixture containerd, int pods, bool trace, TextWriter output)
    {
        await using var cluster = await BenchCluster.StartAsync(containerd, localPath: true);
        var client = cluster.Client;
        await client.StorageV1.CreateStorageClassAsync(new V1StorageClass
        {
            Metadata = new V1ObjectMeta { Name = ClassName },
            Provisioner = "orchestrator.dev/local-path",
            VolumeBindingMode = "WaitForFirstConsumer",
            ReclaimPolicy = "Delete",
        });

        await using var watch = await RunningWatch.StartAsync(client);
        await using var timeline = trace ? new ClaimTimeline(client) : null;
        var plain = new List<double>();
        var claimed = new List<double>();
        for (var i = 0; i < pods; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            plain.Add(await TimeAsync(watch, () => client.CoreV1.CreateNamespacedPodAsync(PodStartup.Pod("plain-" + n, containerd.BusyboxImage, null), "default"), "plain-" + n));
            timeline?.Flush(TextWriter.Null);
            claimed.Add(await TimeAsync(watch, async () =>
            {
                timeline?.Mark("create claim data-" + n);
                await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("data-" + n), "default");
                await client.CoreV1.CreateNamespacedPodAsync(PodStartup.Pod("claimed-" + n, containerd.BusyboxImage, "data-" + n), "default");
            }, "claimed-" + n));
            if (timeline is not null)
            {
                output.WriteLine($"claim data-{n}: {claimed[^1]:F0} ms");
                timeline.Flush(output);
            }
        }

        var without = Percentiles.Of(plain);
        var with = Percentiles.Of(claimed);
        output.WriteLine($"pod without a volume, create -> Running, {pods} pods:              {without}");
        output.WriteLine($"claim (local-path) + pod, create -> Bound -> Running, {pods} pods: {with}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio claim/plain: p50 {with.P50 / without.P50:F2}x, p99 {with.P99 / without.P99:F2}x (goal <= 1.3x)"));
    }

    private static async Task<double> TimeAsync(RunningWatch watch, Func<Task> create, string pod)
    {
        var clock = Stopwatch.StartNew();
        await create();
        await watch.RunningAsync(pod);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static V1PersistentVolumeClaim Claim(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            StorageClassName = ClassName,
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
        },
    };
}
