using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.ControllerManager.Tests.Controllers;

/// <summary>
/// A real API server plus the given controllers running against it through their own client and
/// informers, as in the controller manager. There is no kubelet: tests make pods ready themselves.
/// </summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private readonly InProcessApiServer _api;
    private readonly InformerFactory _informers;
    private readonly EventRecorder _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];

    private ControllerHarness(InProcessApiServer api, InformerFactory informers, EventRecorder events)
    {
        _api = api;
        _informers = informers;
        _events = events;
    }

    public IKubernetes Client => _api.Client;

    public static async Task<ControllerHarness> StartAsync(params Func<ControllerContext, IController>[] controllers)
    {
        var api = await InProcessApiServer.StartAsync();
        var client = api.CreateClient();
        ILoggerFactory loggers = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_LOG") is { Length: > 0 }
            ? LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Debug))
            : NullLoggerFactory.Instance;
        var informers = new InformerFactory(client, loggers);
        var events = new EventRecorder(client, "kube-controller-manager", NullLogger.Instance);
        var harness = new ControllerHarness(api, informers, events);
        var context = new ControllerContext(client, informers, events, loggers, TimeProvider.System);
        var started = controllers.Select(create => create(context)).ToList();
        await informers.StartAsync(harness._stop.Token);
        harness._running.AddRange(started.Select(c => c.RunAsync(harness._stop.Token)));
        return harness;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="seconds"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, double seconds = 8)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T value = await read();
        while (!condition(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last seen: {KubernetesJson.Serialize(value)}");
            }

            await Task.Delay(50);
            value = await read();
        }

        return value;
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
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_running);
        }
        catch (OperationCanceledException)
        {
        }

        await _informers.DisposeAsync();
        await _events.DisposeAsync();
        await _api.DisposeAsync();
        _stop.Dispose();
    }
}
