using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Cluster;

/// <summary>
/// Workloads converge on hollow nodes: the real host process (API server, scheduler, controller
/// manager, 3 hollow nodes) driven by the real kubectl 1.33, asserting on what a user sees.
/// </summary>
public sealed class WorkloadTests(HollowCluster cluster) : IClassFixture<HollowCluster>
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Deployment_runs_three_pods_spread_over_the_nodes_rolls_out_and_undoes()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("deploy");
        var applied = await cluster.Apply(kubectl, ns, Deployment("web", "registry.local/nginx:1.0", replicas: 3));
        Assert.Equal("deployment.apps/web created\n", applied.Stdout);

        await cluster.Eventually(async () => (await RunningPods(ns, "app=web")).Count == 3, Converge, "3 running pods");
        var pods = await RunningPods(ns, "app=web");
        Assert.Equal(3, pods.Select(p => p.Spec.NodeName).Distinct().Count());
        Assert.All(pods, p => Assert.StartsWith("10.244.", p.Status.PodIP, StringComparison.Ordinal));

        var status = await cluster.Ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        Assert.Contains("deployment \"web\" successfully rolled out", status.Stdout, StringComparison.Ordinal);
        var table = await cluster.Ok(kubectl, "get", "deployment", "web", "-n", ns);
        Assert.Matches(@"web\s+3/3\s+3\s+3\s+", table.Stdout);

        // Roll out a new image while watching: never more than 3 + 1 (25 % surge, rounded up) pods,
        // never fewer than 3 - 0 (25 % unavailable, rounded down) available.
        var violations = new ConcurrentBag<string>();
        using var watching = new CancellationTokenSource();
        var watcher = WatchRolloutLimits(ns, maxTotal: 4, minAvailable: 3, violations, watching.Token);
        await cluster.Ok(kubectl, "set", "image", "deployment/web", "web=registry.local/nginx:2.0", "-n", ns);
        var rolled = await cluster.Ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
        Assert.Contains("successfully rolled out", rolled.Stdout, StringComparison.Ordinal);
        await watching.CancelAsync();
        await watcher;
        Assert.True(violations.IsEmpty, string.Join('\n', violations));
        await cluster.Eventually(async () => (await RunningPods(ns, "app=web")).All(p => p.Spec.Containers[0].Image == "registry.local/nginx:2.0") && (await RunningPods(ns, "app=web")).Count == 3, Converge, "3 pods on the new image");

        var history = await cluster.Ok(kubectl, "rollout", "history", "deployment/web", "-n", ns);
        Assert.Matches(@"(?m)^1\s+<none>", history.Stdout);
        Assert.Matches(@"(?m)^2\s+<none>", history.Stdout);

        var undo = await cluster.Ok(kubectl, "rollout", "undo", "deployment/web", "-n", ns);
        Assert.Equal("deployment.apps/web rolled back\n", undo.Stdout);
        await cluster.Ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
        await cluster.Eventually(async () => (await RunningPods(ns, "app=web")) is { Count: 3 } running && running.All(p => p.Spec.Containers[0].Image == "registry.local/nginx:1.0"), Converge, "3 pods back on the old image");

        var scaled = await cluster.Ok(kubectl, "scale", "deployment/web", "--replicas=5", "-n", ns);
        Assert.Equal("deployment.apps/web scaled\n", scaled.Stdout);
        await cluster.Eventually(async () => (await RunningPods(ns, "app=web")).Count == 5, Converge, "5 running pods");
        await cluster.Ok(kubectl, "scale", "deployment/web", "--replicas=1", "-n", ns);
        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.Count == 1, Converge, "1 pod left");
    }

    [Fact]
    public async Task Job_with_five_completions_two_at_a_time_succeeds()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("job");
        var maxActive = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                var active = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "job-name=pi")).Items.Count(p => p.Status?.Phase is "Pending" or "Running");
                maxActive = Math.Max(maxActive, active);
                await Task.Delay(100);
            }
        });
        await cluster.Apply(kubectl, ns, """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: pi}
            spec:
              completions: 5
              parallelism: 2
              template:
                metadata:
                  annotations: {hollow.orchestrator.dev/run-seconds: "1"}
                spec:
                  restartPolicy: Never
                  containers: [{name: pi, image: registry.local/perl}]
            """);
        var waited = await kubectl.RunAsync("wait", "--for=condition=complete", "job/pi", "-n", ns, "--timeout=90s");
        Assert.True(waited.ExitCode == 0, waited.ToString());
        await watching.CancelAsync();
        await watcher;
        Assert.InRange(maxActive, 1, 2);
        var job = await cluster.Client.BatchV1.ReadNamespacedJobAsync("pi", ns);
        Assert.Equal(5, job.Status.Succeeded);
        var table = await cluster.Ok(kubectl, "get", "job", "pi", "-n", ns);
        Assert.Matches(@"pi\s+(Complete\s+)?5/5", table.Stdout);
    }

    [Fact]
    public async Task StatefulSet_creates_its_pods_in_order()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("sts");
        await cluster.Apply(kubectl, ns, """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web}
            spec:
              serviceName: web
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: registry.local/nginx}]
            """);
        await cluster.Eventually(async () => (await RunningPods(ns, "app=web")).Count == 3, Converge, "3 running stateful pods");
        var pods = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name).ToList();
        Assert.Equal(["web-0", "web-1", "web-2"], pods.Select(p => p.Metadata.Name));
        for (var i = 1; i < pods.Count; i++)
        {
            // web-i is created only after web-(i-1) was Running and Ready.
            var previousReady = pods[i - 1].Status.Conditions.Single(c => c.Type == "Ready").LastTransitionTime;
            Assert.True(pods[i].Metadata.CreationTimestamp >= previousReady, $"{pods[i].Metadata.Name} created before {pods[i - 1].Metadata.Name} was ready");
        }
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_everything_in_it()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("gone");
        await cluster.Apply(kubectl, ns, Deployment("app", "registry.local/app", replicas: 2));
        await cluster.Ok(kubectl, "create", "configmap", "settings", "--from-literal=a=b", "-n", ns);
        await cluster.Eventually(async () => (await RunningPods(ns, "app=app")).Count == 2, Converge, "2 running pods");

        var deleted = await kubectl.RunAsync("delete", "namespace", ns, "--timeout=90s");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal($"namespace \"{ns}\" deleted\n", deleted.Stdout);
        var get = await kubectl.RunAsync("get", "namespace", ns);
        Assert.Equal($"Error from server (NotFound): namespaces \"{ns}\" not found\n", get.Stderr);
        Assert.Empty((await cluster.Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "metadata.namespace=" + ns)).Items);
        Assert.Empty((await cluster.Client.AppsV1.ListReplicaSetForAllNamespacesAsync(fieldSelector: "metadata.namespace=" + ns)).Items);
    }

    [Theory]
    [InlineData("foreground", 0)]
    [InlineData("orphan", 2)]
    [InlineData("background", 0)]
    public async Task Cascading_deletes_behave_as_upstream(string cascade, int podsLeft)
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("cascade");
        await cluster.Apply(kubectl, ns, ReplicaSet("rs", replicas: 2));
        await cluster.Eventually(async () => (await RunningPods(ns, "app=rs")).Count == 2, Converge, "2 running pods");

        var deleted = await kubectl.RunAsync("delete", "replicaset", "rs", "-n", ns, "--cascade=" + cascade, "--timeout=60s");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("replicaset.apps \"rs\" deleted\n", deleted.Stdout);
        if (cascade == "foreground")
        {
            // kubectl waited for the owner, which goes only after its dependents.
            Assert.DoesNotContain((await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items, p => p.Metadata.DeletionTimestamp is null);
        }

        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == podsLeft, Converge, $"{podsLeft} pods left");
        if (cascade == "orphan")
        {
            await Task.Delay(1000);
            var orphans = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items;
            Assert.Equal(2, orphans.Count);
            Assert.All(orphans, p => Assert.True(p.Metadata.OwnerReferences is null or { Count: 0 }));
        }
    }

    [Fact]
    public async Task CronJob_every_minute_creates_jobs()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("cron");
        var created = await cluster.Ok(kubectl, "create", "cronjob", "tick", "--image=registry.local/busybox", "--schedule=* * * * *", "-n", ns);
        Assert.Equal("cronjob.batch/tick created\n", created.Stdout);
        await cluster.Eventually(async () => (await cluster.Client.BatchV1.ListNamespacedJobAsync(ns)).Items.Count >= 1, TimeSpan.FromSeconds(75), "a job from the cronjob");
        var job = (await cluster.Client.BatchV1.ListNamespacedJobAsync(ns)).Items[0];
        Assert.Matches(@"^tick-\d+$", job.Metadata.Name);
        Assert.Equal("CronJob", job.Metadata.OwnerReferences.Single().Kind);
        await cluster.Eventually(async () => (await cluster.Client.BatchV1.ReadNamespacedCronJobAsync("tick", ns)).Status?.LastScheduleTime is not null, Converge, "lastScheduleTime");
    }

    internal static string Deployment(string name, string image, int replicas) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              containers: [{name: {{{name}}}, image: "{{{image}}}"}]
        """;

    internal static string ReplicaSet(string name, int replicas) => $$$"""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: {{{name}}}}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              containers: [{name: {{{name}}}, image: registry.local/app}]
        """;

    private Task<List<V1Pod>> RunningPods(string ns, string selector) => Pods.Running(cluster.Client, ns, selector);

    private Task WatchRolloutLimits(string ns, int maxTotal, int minAvailable, ConcurrentBag<string> violations, CancellationToken ct) => Task.Run(async () =>
    {
        var pods = new Dictionary<string, V1Pod>();
        try
        {
            var list = await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web", cancellationToken: ct);
            foreach (var pod in list.Items)
            {
                pods[pod.Metadata.Name] = pod;
            }

            await foreach (var (type, pod) in cluster.Client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: "app=web", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: ct))
            {
                if (type == WatchEventType.Deleted)
                {
                    pods.Remove(pod.Metadata.Name);
                }
                else
                {
                    pods[pod.Metadata.Name] = pod;
                }

                var total = pods.Values.Count(p => p.Metadata.DeletionTimestamp is null);
                var available = pods.Values.Count(p => p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
                if (total > maxTotal)
                {
                    violations.Add($"{total} pods exist at once (max {maxTotal})");
                }

                if (available < minAvailable)
                {
                    violations.Add($"only {available} pods available (min {minAvailable})");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the rollout is over
        }
    }, CancellationToken.None);
}
