using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;
using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Registry.Autoscaling;

/// <summary>autoscaling/v1 ⇄ v2 as upstream converts: the CPU target as a field, everything else in the alpha annotations, round trips lossless.</summary>
public sealed class HorizontalPodAutoscalerConversionTests
{
    private const string Target = "\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\"}";

    private const string Full = """
        {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"all","annotations":{"team":"web"}},
         "spec":{TARGET,"minReplicas":2,"maxReplicas":9,"metrics":[
           {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}},
           {"type":"Pods","pods":{"metric":{"name":"qps","selector":{"matchLabels":{"a":"b"}}},"target":{"type":"AverageValue","averageValue":"1k"}}},
           {"type":"Object","object":{"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main"},"metric":{"name":"rps"},"target":{"type":"Value","value":"10k"}}},
           {"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"AverageValue","averageValue":"30"}}},
           {"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","target":{"type":"Utilization","averageUtilization":60}}},
           {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}],
          "behavior":{"scaleDown":{"stabilizationWindowSeconds":60,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]}}},
         "status":{"currentReplicas":3,"desiredReplicas":4,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":42,"averageValue":"210m"}}},{"type":"Pods","pods":{"metric":{"name":"qps"},"current":{"averageValue":"900"}}}],
                   "conditions":[{"type":"AbleToScale","status":"True","reason":"ReadyForNewScale","lastTransitionTime":"2025-06-01T11:00:00Z"}]}}
        """;

    public static TheoryData<string> V2Objects => new()
    {
        """{"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"cpu"},"spec":{TARGET,"minReplicas":1,"maxReplicas":5,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}}]}}""",
        Full,
    };

    [Theory]
    [MemberData(nameof(V2Objects))]
    public void V2_to_v1_and_back_loses_nothing(string json)
    {
        var v2 = JsonNode.Parse(json.Replace("TARGET", Target, StringComparison.Ordinal))!.AsObject();
        var before = v2.ToJsonString();

        var back = HorizontalPodAutoscalerConversion.FromV1(HorizontalPodAutoscalerConversion.ToV1(v2));

        Assert.Equal(before, v2.ToJsonString());
        Assert.True(JsonNode.DeepEquals(v2, back), back.Json());
    }

    [Fact]
    public void V1_shows_the_cpu_target_as_a_field_and_the_rest_in_upstreams_annotations()
    {
        var v2 = JsonNode.Parse(Full.Replace("TARGET", Target, StringComparison.Ordinal))!.AsObject();

        var v1 = HorizontalPodAutoscalerConversion.ToV1(v2);

        Assert.Equal("autoscaling/v1", v1["apiVersion"]!.GetValue<string>());
        Assert.Equal("""{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":9,"targetCPUUtilizationPercentage":80}""", v1["spec"].Json());
        Assert.Equal("""{"currentReplicas":3,"desiredReplicas":4,"currentCPUUtilizationPercentage":42}""", v1["status"].Json());
        var annotations = v1["metadata"]!["annotations"]!.AsObject();
        Assert.Equal(["team", HorizontalPodAutoscalerConversion.MetricsAnnotation, HorizontalPodAutoscalerConversion.CurrentMetricsAnnotation, HorizontalPodAutoscalerConversion.BehaviorAnnotation, HorizontalPodAutoscalerConversion.ConditionsAnnotation], annotations.Select(a => a.Key));
        var metrics = JsonNode.Parse(annotations[HorizontalPodAutoscalerConversion.MetricsAnnotation]!.GetValue<string>())!.AsArray();
        Assert.Equal(5, metrics.Count);
        Assert.Equal("""{"type":"Resource","resource":{"name":"memory","targetAverageValue":"500Mi"}}""", metrics[0].Json());
        Assert.Equal("""{"type":"Pods","pods":{"metricName":"qps","selector":{"matchLabels":{"a":"b"}},"targetAverageValue":"1k"}}""", metrics[1].Json());
        Assert.Equal("""{"type":"Object","object":{"target":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main"},"metricName":"rps","targetValue":"10k"}}""", metrics[2].Json());
        Assert.Equal("""{"type":"External","external":{"metricName":"queue","targetAverageValue":"30"}}""", metrics[3].Json());
        var current = JsonNode.Parse(annotations[HorizontalPodAutoscalerConversion.CurrentMetricsAnnotation]!.GetValue<string>())!.AsArray();
        Assert.Equal("""{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":42,"currentAverageValue":"210m"}}""", current[0].Json());
    }

    [Theory]
    [InlineData("""{"spec":{"maxReplicas":3,"targetCPUUtilizationPercentage":50}}""", """{"maxReplicas":3,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]}""")]
    [InlineData("""{"spec":{"maxReplicas":3}}""", """{"maxReplicas":3,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]}""")]
    [InlineData("""{"metadata":{"annotations":{"autoscaling.alpha.kubernetes.io/metrics":"[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageValue\":\"1Gi\"}}]"}},"spec":{"maxReplicas":3}}""", """{"maxReplicas":3,"metrics":[{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"1Gi"}}}]}""")]
    public void A_v1_body_becomes_upstreams_v2_spec(string v1, string expectedSpec)
    {
        var v2 = HorizontalPodAutoscalerConversion.FromV1(JsonNode.Parse(v1)!.AsObject());

        Assert.Equal(expectedSpec, v2["spec"].Json());
        Assert.Null(v2["metadata"]?["annotations"]);
    }

    [Fact]
    public void A_v1_status_with_only_the_cpu_percentage_becomes_a_current_cpu_metric()
    {
        var v2 = HorizontalPodAutoscalerConversion.FromV1(JsonNode.Parse("""{"spec":{"maxReplicas":3},"status":{"currentReplicas":2,"desiredReplicas":2,"currentCPUUtilizationPercentage":35}}""")!.AsObject());

        Assert.Equal("""{"currentReplicas":2,"desiredReplicas":2,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":35}}}]}""", v2["status"].Json());
    }

    [Theory]
    [InlineData(HorizontalPodAutoscalerConversion.BehaviorAnnotation, "{")]
    [InlineData(HorizontalPodAutoscalerConversion.BehaviorAnnotation, "{}")]
    [InlineData(HorizontalPodAutoscalerConversion.MetricsAnnotation, "{}")]
    [InlineData(HorizontalPodAutoscalerConversion.MetricsAnnotation, "[1]")]
    [InlineData(HorizontalPodAutoscalerConversion.CurrentMetricsAnnotation, "not json")]
    [InlineData(HorizontalPodAutoscalerConversion.ConditionsAnnotation, "{}")]
    public void A_malformed_or_empty_annotation_is_dropped_and_moves_nothing_into_fields(string annotation, string value)
    {
        var v2 = HorizontalPodAutoscalerConversion.FromV1(JsonNode.Parse(
            $$$"""{"metadata":{"annotations":{"{{{annotation}}}":"{{{value}}}","team":"web"}},"spec":{"maxReplicas":1,"targetCPUUtilizationPercentage":60}}""")!.AsObject());

        Assert.Equal("""{"team":"web"}""", v2["metadata"]!["annotations"].Json());
        Assert.Equal("""{"maxReplicas":1,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}]}""", v2["spec"].Json());
        Assert.Null(v2["status"]);
    }

    [Fact]
    public void Other_metrics_come_back_before_the_cpu_target_and_current_metrics_win_over_the_cpu_percentage()
    {
        const string V1 = """
            {"metadata":{"annotations":{
              "autoscaling.alpha.kubernetes.io/metrics":"[{\"type\":\"Pods\",\"pods\":{\"metricName\":\"qps\",\"targetAverageValue\":\"1k\"}}]",
              "autoscaling.alpha.kubernetes.io/current-metrics":"[{\"type\":\"Pods\",\"pods\":{\"metricName\":\"qps\",\"currentAverageValue\":\"900\"}}]"}},
             "spec":{"maxReplicas":3,"targetCPUUtilizationPercentage":50},
             "status":{"currentReplicas":1,"desiredReplicas":1,"currentCPUUtilizationPercentage":35}}
            """;

        var v2 = HorizontalPodAutoscalerConversion.FromV1(JsonNode.Parse(V1)!.AsObject());

        Assert.Equal(
            """[{"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"1k"}}},{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]""",
            v2["spec"]!["metrics"].Json());
        Assert.Equal("""[{"type":"Pods","pods":{"metric":{"name":"qps"},"current":{"averageValue":"900"}}}]""", v2["status"]!["currentMetrics"].Json());
        Assert.Null(v2["metadata"]!["annotations"]);
    }

    [Fact]
    public void Round_trip_annotations_a_stored_object_carries_are_not_shown_in_v1_and_never_stored()
    {
        var stale = JsonNode.Parse("""
            {"metadata":{"name":"a","annotations":{"autoscaling.alpha.kubernetes.io/metrics":"[]","autoscaling.alpha.kubernetes.io/conditions":"[]"}},
             "spec":{TARGET,"maxReplicas":2,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}}]}}
            """.Replace("TARGET", Target, StringComparison.Ordinal))!.AsObject();

        var v1 = HorizontalPodAutoscalerConversion.ToV1(stale);
        HorizontalPodAutoscalerConversion.DropRoundTripAnnotations(stale);

        Assert.Null(v1["metadata"]!["annotations"]);
        Assert.Equal(70, v1["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Null(stale["metadata"]!["annotations"]);
    }
}
