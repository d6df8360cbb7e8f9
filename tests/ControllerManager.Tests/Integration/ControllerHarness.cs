using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.ControllerManager.Tests.Integration;

/// <summary>A real in-process API server with the given controllers running against it (no leader election).</summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private readonly InProcessApiServer _api;
    private readonly IKubernetes _controllerClient;
    private CancellationTokenSource _stop = new();
    private Task _running;

    private ControllerHarness(InProcessApiServer api, Func<ControllerContext, IEnumerable<IController>> build)
    {
        _api = api;
        _controllerClient = api.CreateClient();
        _running = Run(build);
    }

    private Task Run(Func<ControllerContext, IEnumerable<IController>> build)
    {
        ILoggerFactory loggers = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_LOG") is null
            ? NullLoggerFactory.Instance
            : new LoggerFactory([new StderrLoggerProvider()]);
        return ComponentHost.RunAsync("controller-manager-test", _controllerClient, loggers, build, null, _stop.Token);
    }

    /// <summary>Stops the controllers and starts new ones (fresh informers and state) against the same API server.</summary>
    public async Task RestartAsync(Func<ControllerContext, IEnumerable<IController>> build)
    {
        await StopAsync();
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _running = Run(build);
    }

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

    public IKubernetes Client => _api.Client;

    public static async Task<ControllerHarness> StartAsync(Func<ControllerContext, IEnumerable<IController>> build) =>
        new(await InProcessApiServer.StartAsync(), build);

    /// <summary>Polls until the condition holds; fails the test after the timeout (default 8 s).</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(8));
        while (true)
        {
            if (_running.IsFaulted)
            {
                throw new InvalidOperationException("the controllers stopped", _running.Exception);
            }

            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            await Task.Delay(50);
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        await StopAsync();

        _controllerClient.Dispose();
        await _api.DisposeAsync();
        _stop.Dispose();
    }
}
