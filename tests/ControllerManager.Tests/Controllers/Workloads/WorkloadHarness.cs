using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.ControllerManager.Tests.Controllers.Workloads;

/// <summary>
/// A real in-process API server with one controller running against it. There is no kubelet or
/// scheduler: tests drive pod status themselves.
/// </summary>
internal sealed class WorkloadHarness : IAsyncDisposable
{
    private readonly InProcessApiServer _api;
    private readonly InformerFactory _informers;
    private readonly EventRecorder _events;
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private WorkloadHarness(InProcessApiServer api, InformerFactory informers, EventRecorder events, CancellationTokenSource stop, Task running)
    {
        _api = api;
        _informers = informers;
        _events = events;
        _stop = stop;
        _running = running;
    }

    public IKubernetes Client => _api.Client;

    /// <param name="time">The controller's clock; informers and events always use the system clock.</param>
    public static async Task<WorkloadHarness> StartAsync(Func<ControllerContext, IController> create, TimeProvider? time = null)
    {
        var api = await InProcessApiServer.StartAsync();
        var client = api.CreateClient();
        var informers = new InformerFactory(client, TraceLoggerFactory.Create(), TimeProvider.System);
        var events = new EventRecorder(client, "test-controller-manager", NullLogger.Instance, TimeProvider.System);
        var controller = create(new ControllerContext(client, informers, events, TraceLoggerFactory.Create(), time ?? TimeProvider.System));
        var stop = new CancellationTokenSource();
        await informers.StartAsync(stop.Token);
        var running = Task.Run(() => controller.RunAsync(stop.Token));
        return new WorkloadHarness(api, informers, events, stop, running);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(8));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for " + what + (describe is null ? "" : ": " + await describe()));
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        await _events.DisposeAsync();
        await _informers.DisposeAsync();
        await _api.DisposeAsync();
        _stop.Dispose();
    }
}
