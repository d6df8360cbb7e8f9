using System.Collections.Concurrent;
using k8s;

namespace Orchestrator.Bench.Pods;

/// <summary>One watch on the default namespace's pods that tells when a named pod is first seen Running.</summary>
internal sealed class RunningWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _running = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    private RunningWatch(IKubernetes client)
    {
        _watch = Task.Run(async () =>
        {
            await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: _stop.Token))
            {
                if (pod.Status?.Phase == "Running")
                {
                    _running.GetOrAdd(pod.Metadata.Name, NewSource).TrySetResult();
                }
            }
        });
    }

    public static async Task<RunningWatch> StartAsync(IKubernetes client)
    {
        var watch = new RunningWatch(client);
        await Task.Delay(500); // the watch is open before the first create
        return watch;
    }

    public Task RunningAsync(string pod) => _running.GetOrAdd(pod, NewSource).Task.WaitAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private static TaskCompletionSource NewSource(string _) => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
