using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// The controller on an in-process API server with fed metrics: it scales a Deployment up on high CPU and down once the
/// stabilization window passed, writes status, conditions and events as upstream, reports what keeps it from
/// scaling, and scales a custom resource through its scale subresource.
/// </summary>
public sealed class HorizontalPodAutoscalerControllerTests
{
    private static readonly HorizontalPodAutoscalerOptions Fast = new() { SyncPeriod = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task High_cpu_scales_a_deployment_up_with_upstreams_status_conditions_and_event()
    {
        var metrics = new FakeMetricsClient();
        await using var harness = await ControllerHarness.StartAsync(c => new HorizontalPodAutoscalerController(c, Fast, metrics));
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(HpaObjects.Deployment("web", 1, "web"), "default");
        await HpaObjects.RunningPodAsync(client, "web-0", "web");
        metrics.Set("web-0", 200); // 200 % of the 100m request against a 50 % target: 4 replicas

        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(HpaObjects.Autoscaler("web", "apps/v1", "Deployment", "web", 1, 10, 50), "default");

        await harness.EventuallyAsync(
            async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default")).Spec.Replicas == 4, "the deployment scaled to 4");
        var hpa = await harness.EventuallyAsync(
            () => client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web", "default"),
            h => h.Status?.LastScaleTime is not null && h.Status.CurrentMetrics?.Count == 1, "status after the rescale");
        Assert.Equal(4, hpa.Status.DesiredReplicas);
        var current = hpa.Status.CurrentMetrics[0];
        Assert.Equal(("Resource", "cpu", 200, "200m"), (current.Type, current.Resource.Name, current.Resource.Current.AverageUtilization!.Value, current.Resource.Current.AverageValue.ToString()));
        var active = HpaObjects.Condition(hpa, "ScalingActive")!;
        Assert.Equal(("True", "ValidMetricFound"), (active.Status, active.Reason));
        Assert.Equal("the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", active.Message);
        Assert.Equal("True", HpaObjects.Condition(hpa, "AbleToScale")!.Status);
        Assert.Equal(("False", "DesiredWithinRange"), (HpaObjects.Condition(hpa, "ScalingLimited")!.Status, HpaObjects.Condition(hpa, "ScalingLimited")!.Reason));

        var rescaled = await harness.EventuallyAsync(() => harness.EventsAsync("SuccessfulRescale"), e => e.Count > 0, "a SuccessfulRescale event");
        Assert.Equal("New size: 4; reason: cpu resource utilization (percentage of request) above target", rescaled[0].Message);
        Assert.Equal("HorizontalPodAutoscaler", rescaled[0].InvolvedObject.Kind);

        // kubectl get hpa: TARGETS from status.currentMetrics as upstream's printer shows it.
        using var http = new HttpClient { BaseAddress = harness.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web");
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        using var response = await http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var columns = table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]).ToList();
        Assert.Equal("cpu: 200%/50%", (string?)table["rows"]![0]!["cells"]![columns.IndexOf("Targets")]);
    }

    [Fact]
    public async Task Low_cpu_scales_down_only_after_the_stabilization_window()
    {
        var metrics = new FakeMetricsClient();
        await using var harness = await ControllerHarness.StartAsync(c => new HorizontalPodAutoscalerController(c, Fast, metrics));
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(HpaObjects.Deployment("idle", 4, "idle"), "default");
        for (var i = 0; i < 4; i++)
        {
            await HpaObjects.RunningPodAsync(client, $"idle-{i}", "idle");
            metrics.Set($"idle-{i}", 10); // 10 % against 50 %: one replica would do
        }

        var behavior = new V2HorizontalPodAutoscalerBehavior { ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = 2 } };
        var created = DateTimeOffset.UtcNow;
        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(HpaObjects.Autoscaler("idle", "apps/v1", "Deployment", "idle", 1, 10, 50, behavior), "default");

        // The first recommendation (the current 4) holds the scale for the window.
        var held = await harness.EventuallyAsync(
            () => client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("idle", "default"),
            h => HpaObjects.Condition(h, "AbleToScale")?.Reason == "ScaleDownStabilized", "the scale-down held by the window");
        Assert.Equal("recent recommendations were higher than current one, applying the highest recent recommendation", HpaObjects.Condition(held, "AbleToScale")!.Message);
        Assert.Equal(4, (await client.AppsV1.ReadNamespacedDeploymentAsync("idle", "default")).Spec.Replicas);

        await harness.EventuallyAsync(
            async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("idle", "default")).Spec.Replicas == 1, "the deployment scaled down to 1", TimeSpan.FromSeconds(15));
        Assert.True(DateTimeOffset.UtcNow - created >= TimeSpan.FromSeconds(2), "not before the 2 s window");
        var events = await harness.EventuallyAsync(() => harness.EventsAsync("SuccessfulRescale"), e => e.Count > 0, "a SuccessfulRescale event");
        Assert.Equal("New size: 1; reason: All metrics below target", events[0].Message);
    }

    [Fact]
    public async Task A_pod_without_a_cpu_request_stops_scaling_with_upstreams_condition_and_events()
    {
        var metrics = new FakeMetricsClient();
        await using var harness = await ControllerHarness.StartAsync(c => new HorizontalPodAutoscalerController(c, Fast, metrics));
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(HpaObjects.Deployment("norequest", 1, "norequest"), "default");
        await HpaObjects.RunningPodAsync(client, "norequest-0", "norequest", cpuRequest: null);
        metrics.Set("norequest-0", 500);

        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(HpaObjects.Autoscaler("norequest", "apps/v1", "Deployment", "norequest", 1, 10, 50), "default");

        var hpa = await harness.EventuallyAsync(
            () => client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("norequest", "default"),
            h => HpaObjects.Condition(h, "ScalingActive")?.Status == "False", "ScalingActive false");
        var active = HpaObjects.Condition(hpa, "ScalingActive")!;
        Assert.Equal("FailedGetResourceMetric", active.Reason);
        Assert.Equal("the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container c of Pod norequest-0", active.Message);
        Assert.Equal(1, hpa.Status.CurrentReplicas);
        var failed = await harness.EventuallyAsync(() => harness.EventsAsync("FailedComputeMetricsReplicas"), e => e.Count > 0, "a FailedComputeMetricsReplicas event");
        Assert.Equal(
            "invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container c of Pod norequest-0",
            failed[0].Message);
        Assert.NotEmpty(await harness.EventsAsync("FailedGetResourceMetric"));
        Assert.Equal(1, (await client.AppsV1.ReadNamespacedDeploymentAsync("norequest", "default")).Spec.Replicas);
    }

    [Fact]
    public async Task Two_autoscalers_of_the_same_pods_both_stop_with_upstreams_AmbiguousSelector()
    {
        var metrics = new FakeMetricsClient();
        await using var harness = await ControllerHarness.StartAsync(c => new HorizontalPodAutoscalerController(c, Fast, metrics));
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(HpaObjects.Deployment("twin", 1, "twin"), "default");
        await HpaObjects.RunningPodAsync(client, "twin-0", "twin");
        metrics.Set("twin-0", 400);

        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(HpaObjects.Autoscaler("twin-b", "apps/v1", "Deployment", "twin", 1, 10, 50), "default");
        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(HpaObjects.Autoscaler("twin-a", "apps/v1", "Deployment", "twin", 1, 10, 50), "default");

        const string Message = "pods by selector app=twin are controlled by multiple HPAs: [default/twin-a default/twin-b]";
        foreach (var name in new[] { "twin-a", "twin-b" })
        {
            var hpa = await harness.EventuallyAsync(
                () => client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, "default"),
                h => HpaObjects.Condition(h, "ScalingActive")?.Reason == "AmbiguousSelector", $"{name} ScalingActive AmbiguousSelector");
            Assert.Equal(("False", Message), (HpaObjects.Condition(hpa, "ScalingActive")!.Status, HpaObjects.Condition(hpa, "ScalingActive")!.Message));
        }

        var ambiguous = await harness.EventuallyAsync(() => harness.EventsAsync("AmbiguousSelector"), e => e.Count > 0, "an AmbiguousSelector event");
        Assert.Equal(Message, ambiguous[0].Message);
        Assert.Contains(await harness.EventsAsync("FailedComputeMetricsReplicas"), e => e.Message == Message);

        // Once one goes, the other scales again (the deleted autoscaler's selector is forgotten).
        await client.AutoscalingV2.DeleteNamespacedHorizontalPodAutoscalerAsync("twin-b", "default");
        await harness.EventuallyAsync(
            async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("twin", "default")).Spec.Replicas == 8, "twin-a scales the deployment to 8");
    }

    [Fact]
    public async Task A_missing_target_is_reported_as_FailedGetScale()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new HorizontalPodAutoscalerController(c, Fast, new FakeMetricsClient()));
        var client = harness.Client;

        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(HpaObjects.Autoscaler("ghost", "apps/v1", "Deployment", "ghost", 1, 10, 50), "default");

        var hpa = await harness.EventuallyAsync(
            () => client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("ghost", "default"),
            h => HpaObjects.Condition(h, "AbleToScale")?.Reason == "FailedGetScale", "AbleToScale FailedGetScale");
        Assert.Equal("False", HpaObjects.Condition(hpa, "AbleToScale")!.Status);
        Assert.StartsWith("the HPA controller was unable to get the target's current scale: ", HpaObjects.Condition(hpa, "AbleToScale")!.Message, StringComparison.Ordinal);
        var events = await harness.EventuallyAsync(() => harness.EventsAsync("FailedGetScale"), e => e.Count > 0, "a FailedGetScale event");
        Assert.Contains("\"ghost\" not found", events[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_resource_scales_through_its_scale_subresource()
    {
        var metrics = new FakeMetricsClient();
        await using var harness = await ControllerHarness.StartAsync(c => new HorizontalPodAutoscalerController(c, Fast, metrics));
        var client = harness.Client;
        await ScalableCrd.CreateAsync(client);
        await harness.EventuallyAsync(
            async () => (await ScalableCrd.TryResourcesAsync(client))?.Any(r => r.Name == "widgets/scale") == true, "the CRD served with its scale subresource");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(ScalableCrd.Widget("w", 1), ScalableCrd.Group, "v1", "default", "widgets");
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"replicas":1,"selector":"app=widget"}}""", V1Patch.PatchType.MergePatch), ScalableCrd.Group, "v1", "default", "widgets", "w");
        await HpaObjects.RunningPodAsync(client, "widget-0", "widget");
        metrics.Set("widget-0", 150); // 150 % against 50 %: 3 replicas

        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(HpaObjects.Autoscaler("w", ScalableCrd.Group + "/v1", "Widget", "w", 1, 10, 50), "default");

        await harness.EventuallyAsync(async () => await ScalableCrd.SpecReplicasAsync(client, "w") == 3, "the widget scaled to 3");
    }
}
