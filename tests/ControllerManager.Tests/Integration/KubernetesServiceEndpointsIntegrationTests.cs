using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Endpoints;
using Orchestrator.ControllerManager.Controllers.EndpointSlice;

namespace Orchestrator.ControllerManager.Tests.Integration;

/// <summary>The API server owns default/kubernetes Endpoints and EndpointSlice; the endpoint controllers leave them alone.</summary>
public sealed class KubernetesServiceEndpointsIntegrationTests
{
    [Fact]
    public async Task The_endpoint_controllers_do_not_touch_the_api_servers_own_endpoints()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new EndpointsController(c), new EndpointSliceController(c)]);
        var client = harness.Client;
        var endpointsBefore = await client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default");
        var sliceBefore = await client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("kubernetes", "default");

        // A Service with a selector gets its slice: the controllers have synced and worked through their queues.
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "default");
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-1", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec { NodeName = "n1", Containers = [new V1Container { Name = "c", Image = "nginx" }] },
        }, "default");
        var pod = await client.CoreV1.ReadNamespacedPodAsync("web-1", "default");
        pod.Status = new V1PodStatus { Phase = "Running", PodIP = "10.244.0.5", PodIPs = [new V1PodIP { Ip = "10.244.0.5" }], Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] };
        await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "web-1", "default");
        await harness.EventuallyAsync(
            async () => (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web")).Items.Count == 1
                && (await client.CoreV1.ListNamespacedEndpointsAsync("default", fieldSelector: "metadata.name=web")).Items.Count == 1,
            "the web Service's Endpoints and slice");

        var endpointsAfter = await client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default");
        var slices = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=kubernetes");
        Assert.Equal(endpointsBefore.Metadata.ResourceVersion, endpointsAfter.Metadata.ResourceVersion);
        var slice = Assert.Single(slices.Items);
        Assert.Equal((sliceBefore.Metadata.Uid, sliceBefore.Metadata.ResourceVersion), (slice.Metadata.Uid, slice.Metadata.ResourceVersion));
        Assert.Equal("https", Assert.Single(slice.Ports).Name);
    }
}
