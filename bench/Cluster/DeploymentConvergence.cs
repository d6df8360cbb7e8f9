using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.ControllerManager;
using Orchestrator.Kubelet;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Scheduler;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// The whole control plane in one process, as `orchestrator up --hollow-nodes N` runs it: time from
/// creating a Deployment of R replicas to R Ready pods. Baseline in the same run: creating R bare
/// pods through the API (64-way), the least work the convergence needs.
/// </summary>
internal static class DeploymentConvergence
{
    public static async Task RunAsync(int nodes, int replicas, TextWriter output)
    {
        await using var api = await InProcessApiServer.StartAsync();
        using var stop = new CancellationTokenSource();
        var loggers = NullLoggerFactory.Instance;
        var registered = new TaskCompletionSource();
        var components = new[]
        {
            ControllerManagerHost.RunAsync(api.CreateClient(), loggers, new ControllerManagerOptions { LeaderElect = false }, stop.Token),
            ComponentHost.RunAsync("default-scheduler", api.CreateClient(), loggers, context => [SchedulerHost.Create(context)], null, stop.Token),
            ComponentHost.RunAsync("kubelet", api.CreateClient(), loggers, context =>
            {
                var kubelet = new KubeletHost(context, new HollowRuntime(new HollowRuntimeOptions(), context.Time), HollowNodes.Create(nodes));
                _ = kubelet.Registered.ContinueWith(t => registered.TrySetFromTask(t), TaskScheduler.Default);
                return [kubelet];
            }, null, stop.Token),
        };
        await registered.Task;
        var client = api.Client;

        // Nodes need their podCIDRs before pods can get IPs.
        var deadline = Stopwatch.StartNew();
        while ((await client.CoreV1.ListNodeAsync()).Items.Any(n => string.IsNullOrEmpty(n.Spec?.PodCIDR)))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("nodes got no podCIDR");
            }

            await Task.Delay(100);
        }

        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "baseline" } });
        var baseline = await Measurement.RunAsync("raw pod creates", 64, replicas, i => client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "raw-" + i }, Spec = new V1PodSpec { SchedulerName = "nobody", Containers = [new V1Container { Name = "c", Image = "registry.local/app" }] } }, "baseline"));

        var clock = Stopwatch.StartNew();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(replicas), "default");
        while ((await client.AppsV1.ReadNamespacedDeploymentAsync("big", "default")).Status?.ReadyReplicas != replicas)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("the deployment did not converge in 5 minutes");
            }

            await Task.Delay(50);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(components).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        output.WriteLine($"deployment of {replicas} replicas on {nodes} hollow nodes: {replicas} Ready pods in {seconds:F2} s");
        output.WriteLine($"baseline, {replicas} raw pod creates: {baseline.Seconds:F2} s; convergence / raw = {seconds / baseline.Seconds:F1}x");
    }

    private static V1Deployment Deployment(int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = "big" },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "big" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "big" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "registry.local/app" }] },
            },
        },
    };
}
