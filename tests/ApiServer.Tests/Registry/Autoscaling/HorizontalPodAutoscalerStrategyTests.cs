using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Registry.Autoscaling;

/// <summary>autoscaling/v2 HorizontalPodAutoscalers: upstream's defaults, validation causes and TARGETS cells.</summary>
public sealed class HorizontalPodAutoscalerStrategyTests
{
    private const string Group = "autoscaling";
    private const string Plural = "horizontalpodautoscalers";
    private const string Target = "\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\"}";

    public static TheoryData<string, string[]> Invalid => new()
    {
        {
            """{"spec":{"minReplicas":0,"maxReplicas":-1,"scaleTargetRef":{"name":"a/b"}}}""",
            [
                "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
                "spec.maxReplicas: Invalid value: -1: must be greater than 0",
                "spec.maxReplicas: Invalid value: -1: must be greater than or equal to `minReplicas`",
                "spec.scaleTargetRef.kind: Required value",
                "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'",
            ]
        },
        {
            """{"spec":{TARGET,"maxReplicas":3,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":0}}},{"type":"Pods","resource":{"name":"memory","target":{"type":"Value","averageValue":"1Gi"}}},{"type":"Custom"}]}}""",
            [
                "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0",
                "spec.metrics[1].pods: Required value: must populate information for the given metric source",
                "spec.metrics[1].resource: Forbidden: must populate the given metric source only",
                "spec.metrics[2].type: Unsupported value: \"Custom\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"",
            ]
        },
        {
            """{"spec":{TARGET,"maxReplicas":3,"metrics":[{"type":"External","external":{"metric":{"name":""},"target":{"type":"Ratio","value":"-1"}}}]}}""",
            [
                "spec.metrics[0].external.target.type: Invalid value: \"Ratio\": must be either Utilization, Value, or AverageValue",
                "spec.metrics[0].external.target.value: Invalid value: -1: must be positive",
                "spec.metrics[0].external.metric.name: Required value: must specify a metric name",
            ]
        },
        {
            """{"spec":{TARGET,"maxReplicas":3,"behavior":{"scaleDown":{"stabilizationWindowSeconds":4000,"selectPolicy":"Mean","policies":[{"type":"Nodes","value":0,"periodSeconds":1801}]}}}}""",
            [
                "spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600",
                "spec.behavior.scaleDown.selectPolicy: Unsupported value: \"Mean\": supported values: \"Disabled\", \"Max\", \"Min\"",
                "spec.behavior.scaleDown.policies[0].type: Unsupported value: \"Nodes\": supported values: \"Percent\", \"Pods\"",
                "spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero",
                "spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_autoscalers_get_upstreams_causes(string json, string[] expected)
    {
        Assert.Equal(expected, KindCases.Causes(Group, Plural, json.Replace("TARGET", Target, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_valid_autoscaler_with_every_metric_source_passes()
    {
        const string Json = """
            {"spec":{TARGET,"minReplicas":2,"maxReplicas":10,"metrics":[
              {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}},
              {"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","target":{"type":"Utilization","averageUtilization":60}}},
              {"type":"Pods","pods":{"metric":{"name":"packets-per-second"},"target":{"type":"AverageValue","averageValue":"1k"}}},
              {"type":"Object","object":{"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main"},"metric":{"name":"requests-per-second"},"target":{"type":"Value","value":"10k"}}},
              {"type":"External","external":{"metric":{"name":"queue_messages_ready","selector":{"matchLabels":{"queue":"worker_tasks"}}},"target":{"type":"AverageValue","averageValue":"30"}}}]}}
            """;

        Assert.Empty(KindCases.Causes(Group, Plural, Json.Replace("TARGET", Target, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(
        """{"spec":{"maxReplicas":3}}""",
        """{"spec":{"maxReplicas":3,"minReplicas":1,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]}}""")]
    [InlineData(
        """{"spec":{"minReplicas":2,"maxReplicas":3,"metrics":[{"type":"Pods"}],"behavior":{"scaleDown":{"stabilizationWindowSeconds":60}}}}""",
        """{"spec":{"minReplicas":2,"maxReplicas":3,"metrics":[{"type":"Pods"}],"behavior":{"scaleDown":{"stabilizationWindowSeconds":60,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]},"scaleUp":{"selectPolicy":"Max","stabilizationWindowSeconds":0,"policies":[{"type":"Pods","value":4,"periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}]}}}}""")]
    public void Defaults_are_upstreams(string input, string expected)
    {
        Assert.Equal(expected, KindCases.Defaulted(Group, Plural, input).Json());
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"web"},"spec":{TARGET,"minReplicas":1,"maxReplicas":5,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]}}""", """["web","Deployment/web","cpu: <unknown>/80%","1",5,0,"<unknown>"]""")]
    [InlineData("""{"metadata":{"name":"web"},"spec":{TARGET,"maxReplicas":5,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}},{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"1Gi"}}},{"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}}]},"status":{"currentReplicas":3,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":42}}},{"type":"Resource","resource":{"name":"memory","current":{"averageValue":"512Mi"}}}]}}""", """["web","Deployment/web","cpu: 42%/80%, memory: 512Mi/1Gi + 1 more...","<unset>",5,3,"<unknown>"]""")]
    [InlineData("""{"metadata":{"name":"q"},"spec":{TARGET,"maxReplicas":2,"metrics":[{"type":"External","external":{"metric":{"name":"m"},"target":{"type":"AverageValue","averageValue":"30"}}},{"type":"Object","object":{"metric":{"name":"rps"},"target":{"type":"Value","value":"10k"}}}]}}""", """["q","Deployment/web","<unknown>/30 (avg), <unknown>/10k","<unset>",2,0,"<unknown>"]""")]
    public void Targets_print_as_upstreams_formatHPAMetrics(string json, string expected)
    {
        Assert.Equal(expected, Printed.Cells(Group, Plural, json.Replace("TARGET", Target, StringComparison.Ordinal)));
        Assert.Equal("Name,Reference,Targets,MinPods,MaxPods,Replicas,Age", Printed.Columns(Group, Plural));
    }
}
