using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Endpoints;
using Orchestrator.ControllerManager.Controllers.EndpointSlice;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class EndpointsIntegrationTests
{
    private static async Task SetStatusAsync(IKubernetes client, string name, string ip, bool ready)
    {
        var pod = await client.CoreV1.ReadNamespacedPodAsync(name, "default");
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            PodIP = ip,
            PodIPs = [new V1PodIP { Ip = ip }],
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        };
        await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, "default");
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { NodeName = "n1", Containers = [new V1Container { Name = "c", Image = "nginx", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] }] },
    };

    [Fact]
    public async Task Endpoints_and_slices_follow_the_ready_pods_of_a_service()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new EndpointsController(c), new EndpointSliceController(c)]);
        var client = harness.Client;
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }] },
        }, "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("web-1"), "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("web-2"), "default");
        await SetStatusAsync(client, "web-1", "10.244.0.5", ready: true);
        await SetStatusAsync(client, "web-2", "10.244.0.6", ready: false);

        await harness.EventuallyAsync(async () =>
        {
            try
            {
                var ep = await client.CoreV1.ReadNamespacedEndpointsAsync("web", "default");
                return ep.Subsets is { Count: 1 } s && s[0].Addresses?.Count == 1 && s[0].NotReadyAddresses?.Count == 1;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return false; // the controller has not written them yet
            }
        }, "the endpoints list one ready and one not-ready address");
        var subset = (await client.CoreV1.ReadNamespacedEndpointsAsync("web", "default")).Subsets.Single();
        Assert.Equal(("10.244.0.5", "10.244.0.6", 8080), (subset.Addresses.Single().Ip, subset.NotReadyAddresses.Single().Ip, subset.Ports.Single().Port));

        await harness.EventuallyAsync(async () =>
        {
            var slices = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web");
            return slices.Items.Count == 1 && slices.Items[0].Endpoints?.Count == 2;
        }, "one slice holds both pods");
        var slice = (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web")).Items.Single();
        Assert.Equal("endpointslice-controller.k8s.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("IPv4", slice.AddressType);
        Assert.True(slice.Endpoints.Single(e => e.Addresses[0] == "10.244.0.5").Conditions.Ready);
        Assert.False(slice.Endpoints.Single(e => e.Addresses[0] == "10.244.0.6").Conditions.Ready);
        Assert.Equal("Service", slice.Metadata.OwnerReferences.Single().Kind);

        // The second pod becomes ready; the first is deleted.
        await SetStatusAsync(client, "web-2", "10.244.0.6", ready: true);
        await client.CoreV1.DeleteNamespacedPodAsync("web-1", "default", new V1DeleteOptions { GracePeriodSeconds = 0 });

        await harness.EventuallyAsync(async () =>
        {
            var ep = await client.CoreV1.ReadNamespacedEndpointsAsync("web", "default");
            return ep.Subsets is { Count: 1 } s && s[0].Addresses is { Count: 1 } a && a[0].Ip == "10.244.0.6" && s[0].NotReadyAddresses is null or { Count: 0 };
        }, "the endpoints follow");
        await harness.EventuallyAsync(async () =>
        {
            var slices = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web");
            return slices.Items.Count == 1 && slices.Items[0].Endpoints is { Count: 1 } e && e[0].Conditions.Ready == true && e[0].Addresses[0] == "10.244.0.6";
        }, "the slice follows");

        // The API server's own service keeps the API server's endpoints (its reconciler's, never the controller's).
        var kubernetes = await client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default");
        Assert.Equal("true", kubernetes.Metadata.Labels?["endpointslice.kubernetes.io/skip-mirror"]);
        Assert.Equal("https", kubernetes.Subsets.Single().Ports.Single().Name);
    }
}
