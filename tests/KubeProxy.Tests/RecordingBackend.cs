using System.Threading.Channels;
using Orchestrator.KubeProxy.Backends;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests;

/// <summary>A backend that applies nothing and hands every synced plan to the test.</summary>
internal sealed class RecordingBackend : IProxyBackend
{
    private readonly Channel<ProxyPlan> synced = Channel.CreateUnbounded<ProxyPlan>();

    public string Mode => "recording";

    public int FullSyncRequests { get; private set; }

    public string Render(ProxyPlan plan) => string.Join('\n', plan.Services.Select(s => s.Name.ToString()));

    public Task<SyncOutcome> SyncAsync(ProxyPlan plan, CancellationToken cancellationToken)
    {
        synced.Writer.TryWrite(plan);
        return Task.FromResult(new SyncOutcome(false, Render(plan), []));
    }

    public void RequestFullSync() => FullSyncRequests++;

    public Task CleanupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The next synced plan that satisfies <paramref name="condition"/>, within 10 s.</summary>
    public async Task<ProxyPlan> NextAsync(Func<ProxyPlan, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var plan = await synced.Reader.ReadAsync(timeout.Token);
            if (condition(plan))
            {
                return plan;
            }
        }
    }
}
