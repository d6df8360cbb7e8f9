using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;

namespace Orchestrator.Bench.Pods;

/// <summary>
/// <c>--trace</c>: watches claims, volumes and pods and records when each step of a claim's chain is first seen
/// (selected-node, provisioner annotation, volume created, volume bound, claim Bound, pod bound to its node, pod
/// Running), so the wait between two steps names the component that holds it.
/// </summary>
internal sealed class ClaimTimeline : IAsyncDisposable
{
    private readonly ConcurrentQueue<(double At, string Step)> _steps = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _watches;

    public ClaimTimeline(IKubernetes client)
    {
        _watches =
        [
            Task.Run(async () =>
            {
                await foreach (var (type, claim) in client.CoreV1.WatchListNamespacedPersistentVolumeClaimAsync("default", cancellationToken: _stop.Token))
                {
                    var a = new Dictionary<string, string>(claim.Metadata.Annotations ?? new Dictionary<string, string>());
                    Record($"claim {claim.Metadata.Name} {type} phase={claim.Status?.Phase} node={a.GetValueOrDefault("volume.kubernetes.io/selected-node")} provisioner={a.GetValueOrDefault("volume.kubernetes.io/storage-provisioner")} volume={claim.Spec.VolumeName}");
                }
            }),
            Task.Run(async () =>
            {
                await foreach (var (type, volume) in client.CoreV1.WatchListPersistentVolumeAsync(cancellationToken: _stop.Token))
                {
                    Record($"volume {volume.Metadata.Name} {type} phase={volume.Status?.Phase} claim={volume.Spec.ClaimRef?.Name}");
                }
            }),
            Task.Run(async () =>
            {
                await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: _stop.Token))
                {
                    var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
                    Record($"pod {pod.Metadata.Name} {type} node={pod.Spec.NodeName} phase={pod.Status?.Phase} scheduled={scheduled?.Status}/{scheduled?.Reason}");
                }
            }),
        ];
    }

    public void Mark(string step) => Record(step);

    /// <summary>Prints the steps recorded since the last call, timed from the first of them.</summary>
    public void Flush(TextWriter output)
    {
        double? start = null;
        while (_steps.TryDequeue(out var step))
        {
            start ??= step.At;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  +{step.At - start.Value,7:F0} ms  {step.Step}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void Record(string step) => _steps.Enqueue((_clock.Elapsed.TotalMilliseconds, step));
}
