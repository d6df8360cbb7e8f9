using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Namespace;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class NamespaceControllerIntegrationTests
{
    [Fact]
    public async Task Deleting_a_namespace_deletes_its_content_and_then_the_namespace()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new NamespaceController(c)]);
        var client = harness.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "doomed" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["a"] = "b" } }, "doomed");
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "doomed");
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, "doomed");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "survivor" } }, "default");

        await client.CoreV1.DeleteNamespaceAsync("doomed");

        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespaceAsync("doomed")), "the namespace is gone");
        Assert.True(await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync("cm", "doomed")));
        Assert.True(await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedPodAsync("p", "doomed")));
        Assert.NotNull(await client.CoreV1.ReadNamespacedConfigMapAsync("survivor", "default"));
    }

    [Fact]
    public async Task Content_held_by_a_finalizer_keeps_the_namespace_with_conditions_saying_why()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new NamespaceController(c)]);
        var client = harness.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "held" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", Finalizers = ["example.com/hold"] } }, "held");

        await client.CoreV1.DeleteNamespaceAsync("held");

        await harness.EventuallyAsync(async () =>
        {
            var ns = await client.CoreV1.ReadNamespaceAsync("held");
            return ns.Status?.Conditions?.Any(c => c.Type == NamespaceConditions.FinalizersRemaining && c.Status == "True") ?? false;
        }, "the finalizers-remaining condition is set");
        var ns = await client.CoreV1.ReadNamespaceAsync("held");
        Assert.Equal("Terminating", ns.Status.Phase);
        var remaining = Assert.Single(ns.Status.Conditions, c => c.Type == NamespaceConditions.ContentRemaining);
        Assert.Equal(("True", "SomeResourcesRemain", "Some resources are remaining: configmaps. has 1 resource instances"), (remaining.Status, remaining.Reason, remaining.Message));
        Assert.Contains("kubernetes", ns.Spec.Finalizers);
    }
}
