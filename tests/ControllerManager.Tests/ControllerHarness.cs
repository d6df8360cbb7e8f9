using k8s;
using k8s.Models;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.ControllerManager.Tests;

/// <summary>
/// A real in-process API server with the given controllers running against it through their own
/// client, informers and event recorder, as in the controller manager (without leader election).
/// There is no kubelet or scheduler: tests drive pod status themselves. Set ORCHESTRATOR_TEST_LOG
/// to a file name to keep the controllers' logs.
/// </summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private readonly InProcessApiServer _api;
    private readonly IKubernetes _controllerClient;
    private readonly TimeProvider _time;
    private CancellationTokenSource _stop = new();
    private Task _running;

    private ControllerHarness(InProcessApiServer api, Func<ControllerContext, IEnumerable<IController>> build, TimeProvider time)
    {
        _api = api;
        _controllerClient = api.CreateClient();
        _time = time;
        _running = Run(build);
    }

    public IKubernetes Client => _api.Client;

    /// <summary>Where the API server listens (for a kubeconfig of a real kubectl).</summary>
    public Uri Address => _api.Address;

    /// <param name="build">The controllers to run.</param>
    /// <param name="time">The controllers' clock; informers and events always use the system clock.</param>
    public static async Task<ControllerHarness> StartAsync(Func<ControllerContext, IEnumerable<IController>> build, TimeProvider? time = null) =>
        new(await InProcessApiServer.StartAsync(), build, time ?? TimeProvider.System);

    public static Task<ControllerHarness> StartAsync(params Func<ControllerContext, IController>[] controllers) =>
        StartAsync(context => controllers.Select(create => create(context)).ToList());

    /// <summary>Stops the controllers and starts new ones (fresh informers and state) against the same API server.</summary>
    public async Task RestartAsync(Func<ControllerContext, IEnumerable<IController>> build)
    {
        await StopAsync();
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _running = Run(build);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails at once if the controllers stopped.</summary>
    public Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<Task<string>>? describe = null) =>
        Eventually.TrueAsync(async () => ThrowIfStopped() || await condition(), what, timeout, describe);

    /// <summary>Reads until <paramref name="condition"/> holds for the value read; fails at once if the controllers stopped.</summary>
    public Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(read, value => ThrowIfStopped() || condition(value), what, timeout);

    /// <summary>True once a GET of the object fails with 404.</summary>
    public static async Task<bool> GoneAsync(Func<Task> get)
    {
        try
        {
            await get();
            return false;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    public async Task<IReadOnlyList<V1Pod>> ActivePodsAsync(string selector = "app=web") =>
        [.. (await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector)).Items.Where(p => p.Metadata.DeletionTimestamp is null)];

    /// <summary>What a kubelet would report for a started pod whose readiness probe passed.</summary>
    public async Task MakeReadyAsync(V1Pod pod)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var patch = $$$"""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"{{{now}}}"},{"type":"PodScheduled","status":"True","lastTransitionTime":"{{{now}}}"}]}}""";
        await Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty);
    }

    /// <summary>Makes every active pod matching <paramref name="selector"/> ready; returns how many were not yet.</summary>
    public async Task<int> MakeAllReadyAsync(string selector = "app=web")
    {
        var made = 0;
        foreach (var pod in await ActivePodsAsync(selector))
        {
            if (pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)
            {
                await MakeReadyAsync(pod);
                made++;
            }
        }

        return made;
    }

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string reason) =>
        [.. (await Client.CoreV1.ListNamespacedEventAsync("default")).Items.Where(e => e.Reason == reason)];

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _controllerClient.Dispose();
        await _api.DisposeAsync();
        _stop.Dispose();
    }

    private Task Run(Func<ControllerContext, IEnumerable<IController>> build) =>
        ComponentHost.RunAsync("controller-manager-test", _controllerClient, TraceLoggerFactory.Create(), context => build(context with { Time = _time }), null, _stop.Token);

    private bool ThrowIfStopped() =>
        _running.IsFaulted ? throw new InvalidOperationException("the controllers stopped", _running.Exception) : false;

    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }
}
