using System.Globalization;
using k8s;
using k8s.Models;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>The objects the HPA controller tests create: a Deployment to scale, its running pods, an autoscaler.</summary>
internal static class HpaObjects
{
    public static V1Deployment Deployment(string name, int replicas, string app) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            },
        },
    };

    /// <summary>A pod that started an hour ago and has long been ready (its CPU samples count at once).</summary>
    public static async Task<V1Pod> RunningPodAsync(IKubernetes client, string name, string app, string? cpuRequest = "100m")
    {
        var pod = await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } },
                Spec = new V1PodSpec
                {
                    NodeName = "node-1",
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "c",
                            Image = "busybox",
                            Resources = cpuRequest is null ? null : new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest) } },
                        },
                    ],
                },
            },
            "default");
        var started = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var patch = $$$"""{"status":{"phase":"Running","startTime":"{{{started}}}","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"{{{started}}}"}]}}""";
        return await client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), pod.Metadata.Name, "default");
    }

    public static V2HorizontalPodAutoscaler Autoscaler(string name, string apiVersion, string kind, string target, int min, int max, int cpuUtilization, V2HorizontalPodAutoscalerBehavior? behavior = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = apiVersion, Kind = kind, Name = target },
            MinReplicas = min,
            MaxReplicas = max,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = cpuUtilization } },
                },
            ],
            Behavior = behavior,
        },
    };

    public static V2HorizontalPodAutoscalerCondition? Condition(V2HorizontalPodAutoscaler hpa, string type) =>
        hpa.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
}
