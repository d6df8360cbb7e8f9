using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// spec.runtimeClassName on a real node: the RuntimeClass's handler goes to containerd's RunPodSandbox
/// (runtime_handler), read by the kubelet as its node identity; a handler containerd does not know fails the
/// sandbox with FailedCreatePodSandBox and containerd's own message.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class RuntimeClassTests(ContainerdCluster cluster)
{
    private const string Image = "localhost/busybox:1.35";

    [Fact]
    public async Task A_pod_of_a_runtime_class_with_handler_runc_runs()
    {
        var ns = await cluster.NamespaceAsync("rc-runc");
        await WithRuntimeClassAsync("runc-" + ns, "runc", async name =>
        {
            // Not "sleeper": PodLifecycleTests waits for every container of pods so named to go (the runtime's list spans namespaces).
            await cluster.Apply(ns, Pod("runc-pod", name));

            var pod = await cluster.PodAsync(ns, "runc-pod", ContainerdCluster.IsRunning, "the runc pod running");

            Assert.Equal(name, pod.Spec.RuntimeClassName);
        });
    }

    [Fact]
    public async Task A_handler_containerd_does_not_know_fails_the_sandbox_with_an_event()
    {
        var ns = await cluster.NamespaceAsync("rc-unknown");
        await WithRuntimeClassAsync("unknown-" + ns, "no-such-handler", async name =>
        {
            await cluster.Apply(ns, Pod("stuck", name));

            Corev1Event? failed = null;
            await cluster.Eventually(
                async () => (failed = (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "reason=FailedCreatePodSandBox")).Items.FirstOrDefault()) is not null,
                TimeSpan.FromSeconds(60),
                "a FailedCreatePodSandBox event");
            Assert.StartsWith("Failed to create pod sandbox: ", failed!.Message, StringComparison.Ordinal);
            Assert.Contains("no-such-handler", failed.Message, StringComparison.Ordinal);
            var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync("stuck", ns);
            Assert.Equal("Pending", pod.Status.Phase);
        });
    }

    /// <summary>Runs <paramref name="body"/> with a RuntimeClass of that handler, deleted afterwards (also when the body fails).</summary>
    private async Task WithRuntimeClassAsync(string name, string handler, Func<string, Task> body)
    {
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = name }, Handler = handler });
        try
        {
            await body(name);
        }
        finally
        {
            await cluster.Client.NodeV1.DeleteRuntimeClassAsync(name);
        }
    }

    private static string Pod(string name, string runtimeClass) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}}
        spec:
          runtimeClassName: {{runtimeClass}}
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: {{Image}}
            imagePullPolicy: IfNotPresent
            command: ["sleep", "3600"]
        """;
}
