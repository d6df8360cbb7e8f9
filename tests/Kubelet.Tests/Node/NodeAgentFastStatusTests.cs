using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Node;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Node;

/// <summary>
/// A real node registers not Ready until its pod network is ready; the fast status update at start-up (upstream's
/// fastStatusUpdateOnce) posts Ready as soon as the conditions say so, not at the next heartbeat (here a 400 s lease:
/// up to 100 s away).
/// </summary>
public sealed class NodeAgentFastStatusTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task A_node_registered_not_ready_posts_ready_within_a_second_of_its_network_becoming_ready()
    {
        var conditions = new SwitchableConditions();
        var name = "fast-" + Guid.NewGuid().ToString("N")[..8];
        var agent = new NodeAgent(api.Client, new NodeConfig(name, "10.0.0.9"), new KubeletOptions { NodeLeaseDurationSeconds = 400 }, "fake://1", TimeProvider.System, NullLogger.Instance, conditions);
        using var stop = new CancellationTokenSource();
        await agent.RegisterAsync(stop.Token);
        Assert.Equal("False", await ReadyAsync(name));
        var heartbeats = agent.HeartbeatAsync(stop.Token);
        try
        {
            conditions.Ready = true;
            var flipped = System.Diagnostics.Stopwatch.StartNew();

            await Eventually.TrueAsync(async () => await ReadyAsync(name) == "True", "Ready posted", TimeSpan.FromSeconds(5));

            Assert.True(flipped.Elapsed < TimeSpan.FromSeconds(2), $"Ready was posted {flipped.Elapsed} after the conditions changed");
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeats;
        }
    }

    private async Task<string> ReadyAsync(string name) =>
        (await api.Client.CoreV1.ReadNodeAsync(name)).Status.Conditions.Single(c => c.Type == "Ready").Status;
}
