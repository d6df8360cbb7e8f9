using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

[Collection(ContainerdCollection.Name)]
public sealed class PodLifecycleTests(ContainerdCluster cluster)
{
    private const string Image = "localhost/busybox:1.35";

    [Fact]
    public async Task A_deployment_of_busybox_httpd_runs_and_its_pod_ip_answers_http_from_the_host()
    {
        var ns = await cluster.NamespaceAsync("web");
        await cluster.Apply(ns, Manifests.Httpd("web"));

        var pod = await RunningPodAsync(ns, "app=web");

        Assert.Equal(ContainerdCluster.NodeName, pod.Spec.NodeName);
        Assert.StartsWith("containerd://", pod.Status.ContainerStatuses[0].ContainerID, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(pod.Status.ContainerStatuses[0].ImageID));
        Assert.Equal("127.0.0.1", pod.Status.HostIP);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // Running is the container started, not httpd listening yet: ask until it answers.
        var body = "";
        await cluster.Eventually(
            async () =>
            {
                try
                {
                    body = await http.GetStringAsync(new Uri($"http://{pod.Status.PodIP}:8080/"));
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            "busybox httpd to answer on the pod IP");
        Assert.Equal("hello from busybox httpd\n", body);
        Assert.Contains(pod.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
        Assert.Contains(pod.Status.Conditions, c => c.Type == "PodReadyToStartContainers" && c.Status == "True");
    }

    [Fact]
    public async Task Kubectl_delete_pod_stops_the_container_within_the_grace_period()
    {
        var ns = await cluster.NamespaceAsync("grace");
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: sleeper}
            spec:
              terminationGracePeriodSeconds: 3
              containers:
              - name: main
                image: {{Image}}
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
            """);
        await cluster.PodAsync(ns, "sleeper", ContainerdCluster.IsRunning, "running");

        var started = DateTime.UtcNow;
        using var kubectl = cluster.Kubectl();
        await cluster.Ok(kubectl, "delete", "pod", "sleeper", "-n", ns, "--wait=true", "--timeout=30s");
        var took = DateTime.UtcNow - started;

        // sleep as PID 1 ignores SIGTERM: the kubelet kills it when the 3 s grace period ends.
        Assert.InRange(took.TotalSeconds, 0, 15);
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => cluster.Client.CoreV1.ReadNamespacedPodAsync("sleeper", ns));
        await cluster.Eventually(async () => !(await cluster.ContainersAsync()).Any(c => c.StartsWith("sleeper/", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the pod's containers to be removed");
    }

    [Fact]
    public async Task A_job_whose_container_exits_0_succeeds_and_one_exiting_1_fails_after_its_backoff_limit()
    {
        var ns = await cluster.NamespaceAsync("jobs");
        await cluster.Apply(ns, Manifests.Job("ok", "exit 0", backoffLimit: 0));
        await cluster.Apply(ns, Manifests.Job("bad", "echo failing; exit 1", backoffLimit: 1));

        await cluster.Eventually(async () => (await cluster.Client.BatchV1.ReadNamespacedJobAsync("ok", ns)).Status?.Succeeded == 1, TimeSpan.FromSeconds(60), "job ok to succeed");
        await cluster.Eventually(async () => (await cluster.Client.BatchV1.ReadNamespacedJobAsync("bad", ns)).Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true, TimeSpan.FromSeconds(90), "job bad to fail");

        var okPod = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "job-name=ok")).Items.Single();
        Assert.Equal("Succeeded", okPod.Status.Phase);
        Assert.Equal("Completed", okPod.Status.ContainerStatuses[0].State.Terminated.Reason);
        var badPods = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "job-name=bad")).Items;
        Assert.Equal(2, badPods.Count); // the first try and one retry (backoffLimit 1)
        Assert.All(badPods, p =>
        {
            Assert.Equal("Failed", p.Status.Phase);
            Assert.Equal(1, p.Status.ContainerStatuses[0].State.Terminated.ExitCode);
            Assert.Equal("Error", p.Status.ContainerStatuses[0].State.Terminated.Reason);
        });

        // The logs of a finished pod stay readable.
        using var kubectl = cluster.Kubectl();
        var logs = await cluster.Ok(kubectl, "logs", badPods[0].Metadata.Name, "-n", ns);
        Assert.Equal("failing\n", logs.Stdout);
    }

    [Fact]
    public async Task An_image_that_does_not_exist_gives_ErrImagePull_then_ImagePullBackOff()
    {
        var ns = await cluster.NamespaceAsync("pull");
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: missing}
            spec:
              containers:
              - name: main
                image: {{cluster.Containerd.RegistryHost}}/does-not-exist:1.0
            """);

        var reasons = new HashSet<string>();
        await cluster.Eventually(async () =>
        {
            var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync("missing", ns);
            if (pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason is { } reason)
            {
                reasons.Add(reason);
            }

            return reasons.Contains("ErrImagePull") && reasons.Contains("ImagePullBackOff");
        }, TimeSpan.FromSeconds(60), "ErrImagePull then ImagePullBackOff");
        Assert.Equal("Pending", (await cluster.Client.CoreV1.ReadNamespacedPodAsync("missing", ns)).Status.Phase);
    }

    [Fact]
    public async Task An_image_is_pulled_from_the_local_registry_and_events_show_the_lifecycle()
    {
        var ns = await cluster.NamespaceAsync("events");
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: pulled}
            spec:
              containers:
              - name: main
                image: {{cluster.Containerd.RegistryBusyboxImage}}
                imagePullPolicy: Always
                command: ["sleep", "3600"]
            """);
        await cluster.PodAsync(ns, "pulled", ContainerdCluster.IsRunning, "running");

        using var kubectl = cluster.Kubectl();
        await cluster.Eventually(async () =>
        {
            var describe = await kubectl.RunAsync("describe", "pod", "pulled", "-n", ns);
            return new[] { "Pulling", "Pulled", "Created", "Started", "Scheduled" }.All(r => describe.Stdout.Contains(r, StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(30), "Scheduled, Pulling, Pulled, Created, Started events in kubectl describe");
    }

    private async Task<V1Pod> RunningPodAsync(string ns, string selector)
    {
        V1Pod? running = null;
        await cluster.Eventually(async () =>
        {
            running = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector)).Items.FirstOrDefault(ContainerdCluster.IsRunning);
            return running is not null;
        }, TimeSpan.FromSeconds(60), $"a running pod {selector}");
        return running!;
    }
}
