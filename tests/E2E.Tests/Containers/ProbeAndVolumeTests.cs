using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

[Collection(ContainerdCollection.Name)]
public sealed class ProbeAndVolumeTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container_and_the_restart_count_grows()
    {
        var ns = await cluster.NamespaceAsync("live");
        // Healthy while /tmp/healthy exists; the container removes it after 2 s.
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: liveness}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{Manifests.Image}}
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 3600"]
                livenessProbe:
                  exec: {command: ["cat", "/tmp/healthy"]}
                  periodSeconds: 1
                  failureThreshold: 1
            """);

        var pod = await cluster.PodAsync(ns, "liveness", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 1, "a restart", seconds: 60);
        Assert.NotNull(pod.Status.ContainerStatuses[0].LastState.Terminated);
        using var kubectl = cluster.Kubectl();
        await cluster.Eventually(async () =>
        {
            var describe = await kubectl.RunAsync("describe", "pod", "liveness", "-n", ns);
            return describe.Stdout.Contains("Unhealthy", StringComparison.Ordinal) && describe.Stdout.Contains("Liveness probe failed", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), "Unhealthy events in kubectl describe");
    }

    [Fact]
    public async Task Readiness_gates_the_ready_condition_and_endpointslice_membership()
    {
        var ns = await cluster.NamespaceAsync("ready");
        await cluster.Apply(ns, Manifests.Httpd("web", extra: """
                    readinessProbe:
                      httpGet: {path: /ready.html, port: http}
                      periodSeconds: 1
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """));
        V1Pod? pod = null;
        await cluster.Eventually(async () =>
        {
            pod = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.FirstOrDefault(ContainerdCluster.IsRunning);
            return pod is not null;
        }, TimeSpan.FromSeconds(60), "the httpd pod to run");
        await Task.Delay(TimeSpan.FromSeconds(3)); // several probe periods: the probe keeps failing (no /ready.html)
        pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync(pod!.Metadata.Name, ns);
        Assert.Contains(pod.Status.Conditions, c => c.Type == "Ready" && c.Status == "False");
        Assert.False(await ReadyInSliceAsync(ns, pod.Status.PodIP));

        using var kubectl = cluster.Kubectl();
        await cluster.Ok(kubectl, "exec", pod.Metadata.Name, "-n", ns, "--", "sh", "-c", "echo ok > /www/ready.html");

        await cluster.PodAsync(ns, pod.Metadata.Name, p => p.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True"), "Ready", seconds: 20);
        await cluster.Eventually(() => ReadyInSliceAsync(ns, pod.Status.PodIP), TimeSpan.FromSeconds(20), "the pod ready in the service's EndpointSlice");
    }

    [Fact]
    public async Task A_configmap_volume_shows_its_content_and_an_update_propagates()
    {
        var ns = await cluster.NamespaceAsync("cm");
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {greeting: hello-1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reader}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{Manifests.Image}}
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
                volumeMounts: [{name: settings, mountPath: /etc/settings}]
              volumes:
              - name: settings
                configMap: {name: settings}
            """);
        await cluster.PodAsync(ns, "reader", ContainerdCluster.IsRunning, "running");
        using var kubectl = cluster.Kubectl();
        Assert.Equal("hello-1", (await cluster.Ok(kubectl, "exec", "reader", "-n", ns, "--", "cat", "/etc/settings/greeting")).Stdout);

        await cluster.Ok(kubectl, "patch", "configmap", "settings", "-n", ns, "--type", "merge", "-p", """{"data":{"greeting":"hello-2"}}""");

        await cluster.Eventually(async () => (await kubectl.RunAsync("exec", "reader", "-n", ns, "--", "cat", "/etc/settings/greeting")).Stdout == "hello-2", TimeSpan.FromSeconds(30), "the new configMap content in the mounted file");
    }

    private async Task<bool> ReadyInSliceAsync(string ns, string ip)
    {
        var slices = await cluster.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: "kubernetes.io/service-name=web");
        return slices.Items.SelectMany(s => s.Endpoints ?? []).Any(e => e.Addresses.Contains(ip) && e.Conditions?.Ready == true);
    }
}
