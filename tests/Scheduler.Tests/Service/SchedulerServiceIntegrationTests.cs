using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.Scheduler.Tests.Service;

public sealed class SchedulerServiceIntegrationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Ns = "default";

    private static V1Node Node(string name, string cpu, V1Taint[]? taints = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux" } },
        Spec = new V1NodeSpec { Taints = taints },
        Status = new V1NodeStatus
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("4Gi"), ["pods"] = new("110") },
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("4Gi"), ["pods"] = new("110") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }],
        },
    };

    private static V1Pod Pod(string name, string cpu) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "c", Image = "busybox", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } } }],
        },
    };

    private static Task CreateNodeAsync(IKubernetes client, V1Node node) => client.CoreV1.CreateNodeAsync(node);

    [Fact]
    public async Task Schedules_pods_reports_unschedulable_ones_and_retries_when_a_node_fits()
    {
        await using var api = await InProcessApiServer.StartAsync();
        var client = api.Client;
        for (var i = 1; i <= 3; i++)
        {
            await CreateNodeAsync(client, Node($"node-{i}", "2"));
        }

        await CreateNodeAsync(client, Node("master", "8", [new V1Taint { Key = "node-role.kubernetes.io/master", Effect = "NoSchedule" }]));

        var schedulerClient = api.CreateClient();
        var loggers = new TestOutputLoggerFactory(output);
        await using var informers = new InformerFactory(schedulerClient, loggers);
        await using var events = new EventRecorder(schedulerClient, "default-scheduler", loggers.CreateLogger("events"));
        var context = new ControllerContext(schedulerClient, informers, events, loggers, TimeProvider.System);
        var scheduler = SchedulerHost.Create(context, new SchedulerOptions { RandomSeed = 1 });
        using var cts = new CancellationTokenSource();
        await informers.StartAsync(cts.Token);
        var run = scheduler.RunAsync(cts.Token);

        var foreign = Pod("foreign", "100m");
        foreign.Spec.SchedulerName = "other-scheduler";
        await client.CoreV1.CreateNamespacedPodAsync(foreign, Ns);
        for (var i = 1; i <= 4; i++)
        {
            await client.CoreV1.CreateNamespacedPodAsync(Pod($"small-{i}", "900m"), Ns);
        }

        for (var i = 1; i <= 4; i++)
        {
            var name = $"small-{i}";
            var bound = await Eventually.NotNullAsync(async () =>
            {
                var p = await client.CoreV1.ReadNamespacedPodAsync(name, Ns);
                return string.IsNullOrEmpty(p.Spec.NodeName) ? null : p;
            }, $"{name} bound");
            Assert.StartsWith("node-", bound.Spec.NodeName, StringComparison.Ordinal);
        }

        // Four 900m pods on three 2-cpu nodes: the assume step must have spread them (at most 2 per node).
        var pods = await client.CoreV1.ListNamespacedPodAsync(Ns);
        Assert.All(pods.Items.Where(p => p.Spec.NodeName is not null).GroupBy(p => p.Spec.NodeName), g => Assert.True(g.Count() <= 2));

        await client.CoreV1.CreateNamespacedPodAsync(Pod("big", "3"), Ns);
        const string expected = "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 3 Insufficient cpu. "
            + "preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.";
        var failed = await Eventually.NotNullAsync(async () =>
        {
            var list = await client.CoreV1.ListNamespacedEventAsync(Ns);
            return list.Items.FirstOrDefault(e => e.InvolvedObject.Name == "big" && e.Reason == "FailedScheduling");
        }, "FailedScheduling event");
        Assert.Equal("Warning", failed.Type);
        Assert.Equal(expected, failed.Message);

        var condition = await Eventually.NotNullAsync(async () =>
        {
            var p = await client.CoreV1.ReadNamespacedPodAsync("big", Ns);
            return p.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        }, "PodScheduled condition");
        Assert.Equal("False", condition.Status);
        Assert.Equal("Unschedulable", condition.Reason);
        Assert.Equal(expected, condition.Message);

        await CreateNodeAsync(client, Node("node-big", "4"));
        var scheduled = await Eventually.NotNullAsync(async () =>
        {
            var p = await client.CoreV1.ReadNamespacedPodAsync("big", Ns);
            return string.IsNullOrEmpty(p.Spec.NodeName) ? null : p;
        }, "big bound after a fitting node appeared");
        Assert.Equal("node-big", scheduled.Spec.NodeName);

        var scheduledEvent = await Eventually.NotNullAsync(async () =>
        {
            var list = await client.CoreV1.ListNamespacedEventAsync(Ns);
            return list.Items.FirstOrDefault(e => e.InvolvedObject.Name == "big" && e.Reason == "Scheduled");
        }, "Scheduled event");
        Assert.Equal("Successfully assigned default/big to node-big", scheduledEvent.Message);

        // Pods for another scheduler are left alone.
        Assert.Null((await client.CoreV1.ReadNamespacedPodAsync("foreign", Ns)).Spec.NodeName);

        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Deleting_a_bound_pod_lets_a_waiting_pod_in()
    {
        await using var api = await InProcessApiServer.StartAsync();
        var client = api.Client;
        await CreateNodeAsync(client, Node("only", "1"));
        var schedulerClient = api.CreateClient();
        var loggers = new TestOutputLoggerFactory(output);
        await using var informers = new InformerFactory(schedulerClient, loggers);
        await using var events = new EventRecorder(schedulerClient, "default-scheduler", loggers.CreateLogger("events"));
        var context = new ControllerContext(schedulerClient, informers, events, loggers, TimeProvider.System);
        var scheduler = SchedulerHost.Create(context, new SchedulerOptions { RandomSeed = 1 });
        using var cts = new CancellationTokenSource();
        await informers.StartAsync(cts.Token);
        var run = scheduler.RunAsync(cts.Token);

        await client.CoreV1.CreateNamespacedPodAsync(Pod("first", "800m"), Ns);
        await Eventually.NotNullAsync(async () => (await client.CoreV1.ReadNamespacedPodAsync("first", Ns)).Spec.NodeName, "first bound");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("second", "800m"), Ns);
        var failed = await Eventually.NotNullAsync(async () =>
            (await client.CoreV1.ListNamespacedEventAsync(Ns)).Items.FirstOrDefault(e => e.InvolvedObject.Name == "second" && e.Reason == "FailedScheduling"), "FailedScheduling");
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", failed.Message);

        await client.CoreV1.DeleteNamespacedPodAsync("first", Ns, gracePeriodSeconds: 0);
        var node = await Eventually.NotNullAsync(async () => (await client.CoreV1.ReadNamespacedPodAsync("second", Ns)).Spec.NodeName, "second bound after first was deleted");
        Assert.Equal("only", node);

        await cts.CancelAsync();
        await run;
    }
}
