namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// Upstream's autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1; without metrics, CPU at 80 %
/// average utilization; a behavior that is given has each absent part of its scale-up and scale-down rules
/// filled (scale up: no stabilization, Max of 4 pods or 100 % per 15 s; scale down: Max of 100 % per 15 s,
/// the stabilization window left to the controller).
/// </summary>
internal static class HorizontalPodAutoscalerDefaults
{
    /// <summary>The CPU utilization target of an autoscaler that names no metric (upstream's DefaultCPUUtilization).</summary>
    public const int DefaultCpuUtilization = 80;

    public static void Apply(JsonObject hpa)
    {
        var spec = JsonFields.Child(hpa, "spec");
        JsonFields.Default(spec, "minReplicas", 1);
        if (spec["metrics"] is not JsonArray { Count: > 0 })
        {
            spec["metrics"] = new JsonArray(CpuUtilization(DefaultCpuUtilization));
        }

        if (spec["behavior"] is JsonObject behavior)
        {
            Rules(JsonFields.Child(behavior, "scaleUp"), stabilization: 0, Policy("Pods", 4), Policy("Percent", 100));
            Rules(JsonFields.Child(behavior, "scaleDown"), stabilization: null, Policy("Percent", 100));
        }
    }

    /// <summary>A Resource metric on cpu with an average utilization target, as v1's targetCPUUtilizationPercentage converts.</summary>
    public static JsonObject CpuUtilization(long percent) => new()
    {
        ["type"] = "Resource",
        ["resource"] = new JsonObject
        {
            ["name"] = "cpu",
            ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = percent },
        },
    };

    private static void Rules(JsonObject rules, long? stabilization, params JsonObject[] policies)
    {
        JsonFields.Default(rules, "selectPolicy", "Max");
        if (stabilization is { } seconds)
        {
            JsonFields.Default(rules, "stabilizationWindowSeconds", seconds);
        }

        JsonFields.Default(rules, "policies", new JsonArray([.. policies]));
    }

    private static JsonObject Policy(string type, int value) => new() { ["type"] = type, ["value"] = value, ["periodSeconds"] = 15 };
}
