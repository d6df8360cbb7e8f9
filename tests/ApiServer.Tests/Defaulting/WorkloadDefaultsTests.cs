using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Defaulting;

namespace Orchestrator.ApiServer.Tests.Defaulting;

/// <summary>apps/v1, batch/v1 and core defaults through each kind's strategy (<c>IResourceStrategy.Default</c>): JSON in, the fields upstream fills in out.</summary>
public sealed class WorkloadDefaultsTests
{
    private const string Template = """{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"a","image":"nginx:1"}]}}""";
    private const string DefaultedTemplateSpec = """{"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler","securityContext":{},"containers":[{"imagePullPolicy":"IfNotPresent","resources":{}}]}""";

    public static TheoryData<string, string, string, string> Objects => new()
    {
        {
            "apps", "deployments",
            """{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":TEMPLATE}}""",
            """
            {"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
             "revisionHistoryLimit":10,"progressDeadlineSeconds":600,"minReadySeconds":null,"template":{"spec":DEFAULTED_SPEC}}}
            """
        },
        {
            "apps", "deployments",
            """{"spec":{"replicas":0,"strategy":{"type":"Recreate"},"revisionHistoryLimit":2,"progressDeadlineSeconds":60}}""",
            """{"spec":{"replicas":0,"strategy":{"type":"Recreate","rollingUpdate":null},"revisionHistoryLimit":2,"progressDeadlineSeconds":60}}"""
        },
        {
            "apps", "deployments",
            """{"spec":{"strategy":{"rollingUpdate":{"maxSurge":1}}}}""",
            """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}}}}"""
        },
        {
            "apps", "replicasets",
            """{"spec":{"template":TEMPLATE}}""",
            """{"spec":{"replicas":1,"template":{"spec":DEFAULTED_SPEC}}}"""
        },
        {
            "apps", "statefulsets",
            """{"spec":{"serviceName":"s","template":TEMPLATE,"volumeClaimTemplates":[{"metadata":{"name":"d"},"spec":{}}]}}""",
            """
            {"spec":{"replicas":1,"podManagementPolicy":"OrderedReady","updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},
             "revisionHistoryLimit":10,"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Retain"},
             "volumeClaimTemplates":[{"spec":{"volumeMode":"Filesystem"}}],"template":{"spec":DEFAULTED_SPEC}}}
            """
        },
        {
            "apps", "statefulsets",
            """{"spec":{"updateStrategy":{"type":"OnDelete"},"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete"}}}""",
            """{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null},"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenScaled":"Retain"}}}"""
        },
        {
            "apps", "daemonsets",
            """{"spec":{"template":TEMPLATE}}""",
            """{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}},"revisionHistoryLimit":10,"replicas":null,"template":{"spec":DEFAULTED_SPEC}}}"""
        },
        {
            "batch", "cronjobs",
            """{"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":TEMPLATE}}}}""",
            """
            {"spec":{"concurrencyPolicy":"Allow","suspend":false,"successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,
             "jobTemplate":{"spec":{"parallelism":null,"selector":null,"template":{"spec":DEFAULTED_SPEC}}}}}
            """
        },
        {
            "", "secrets",
            """{"data":{}}""",
            """{"type":"Opaque"}"""
        },
        {
            "", "secrets",
            """{"type":"kubernetes.io/tls"}""",
            """{"type":"kubernetes.io/tls"}"""
        },
        {
            "", "persistentvolumeclaims",
            """{"spec":{"accessModes":["ReadWriteOnce"]}}""",
            """{"spec":{"volumeMode":"Filesystem"}}"""
        },
        {
            "", "persistentvolumes",
            """{"spec":{"hostPath":{"path":"/data"}}}""",
            """{"spec":{"persistentVolumeReclaimPolicy":"Retain","volumeMode":"Filesystem"}}"""
        },
        {
            "", "endpoints",
            """{"subsets":[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80},{"port":53,"protocol":"UDP"}]}]}""",
            """{"subsets":[{"ports":[{"port":80,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}]}"""
        },
        {
            "scheduling.k8s.io", "priorityclasses",
            """{"value":1000}""",
            """{"value":1000,"preemptionPolicy":"PreemptLowerPriority"}"""
        },
        {
            "", "configmaps",
            """{"data":{"a":"b"}}""",
            """{"data":{"a":"b"},"spec":null}"""
        },
    };

    public static TheoryData<string, string, string> Jobs => new()
    {
        {
            "generated selector and labels from the uid",
            """{"metadata":{"name":"pi","uid":"u-1"},"spec":{"template":TEMPLATE}}""",
            """
            {"metadata":{"labels":{"app":"x","batch.kubernetes.io/controller-uid":"u-1","controller-uid":"u-1","batch.kubernetes.io/job-name":"pi","job-name":"pi"}},
             "spec":{"parallelism":1,"completions":1,"backoffLimit":6,"completionMode":"NonIndexed","suspend":false,"podReplacementPolicy":"TerminatingOrFailed",
              "selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u-1"}},
              "template":{"metadata":{"labels":{"app":"x","batch.kubernetes.io/controller-uid":"u-1","controller-uid":"u-1","batch.kubernetes.io/job-name":"pi","job-name":"pi"}},
               "spec":{"restartPolicy":"Always"}}}}
            """
        },
        {
            "manual selector: nothing generated",
            """{"metadata":{"name":"m","uid":"u-2","labels":{"own":"y"}},"spec":{"manualSelector":true,"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}""",
            """{"metadata":{"labels":{"own":"y"}},"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}"""
        },
        {
            "parallelism alone leaves completions unset",
            """{"metadata":{"name":"p","uid":"u"},"spec":{"parallelism":3,"podFailurePolicy":{"rules":[{"action":"Ignore","onPodConditions":[{"type":"DisruptionTarget"}]}]}}}""",
            """
            {"spec":{"parallelism":3,"completions":null,"podReplacementPolicy":"Failed",
             "podFailurePolicy":{"rules":[{"action":"Ignore","onPodConditions":[{"type":"DisruptionTarget","status":"True"}]}]}}}
            """
        },
        {
            "completions alone: parallelism 1; backoff per index: backoffLimit max",
            """{"metadata":{"name":"c","uid":"u"},"spec":{"completions":5,"completionMode":"Indexed","backoffLimitPerIndex":1,"restartPolicy":"Never"}}""",
            """{"spec":{"completions":5,"parallelism":1,"completionMode":"Indexed","backoffLimit":2147483647}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Kinds_get_upstreams_defaults(string group, string plural, string input, string expected)
    {
        var body = JsonNode.Parse(Expand(input))!.AsObject();
        Served.Resource(group, plural).Strategy.Default(body, create: true);
        var differences = Served.Differences(JsonNode.Parse(Expand(expected)), body);
        Assert.True(differences is [], $"{plural}: {string.Join("; ", differences)}");
    }

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Jobs_get_upstreams_defaults_and_a_generated_selector(string why, string input, string expected)
    {
        var body = JsonNode.Parse(Expand(input))!.AsObject();
        Served.Resource("batch", "jobs").Strategy.Default(body, create: true);
        var differences = Served.Differences(JsonNode.Parse(Expand(expected)), body);
        Assert.True(differences is [], $"{why}: {string.Join("; ", differences)}");
    }

    [Theory]
    [InlineData("apps", "deployments", """{"metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"a","image":"nginx"}]}}}}""")]
    [InlineData("batch", "jobs", """{"metadata":{"name":"j","uid":"u"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"a","image":"nginx"}]}}}}""")]
    [InlineData("", "pods", """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"nginx","volumeMounts":[]}],"volumes":[{"name":"v"}]}}""")]
    public void Defaulting_twice_changes_nothing(string group, string plural, string input)
    {
        var once = JsonNode.Parse(Expand(input))!.AsObject();
        Served.Resource(group, plural).Strategy.Default(once, create: true);
        var twice = once.DeepClone().AsObject();
        Served.Resource(group, plural).Strategy.Default(twice, create: true);
        Assert.True(JsonNode.DeepEquals(once, twice), twice.ToJsonString());
    }

    private static string Expand(string json) =>
        json.Replace("TEMPLATE", Template, StringComparison.Ordinal).Replace("DEFAULTED_SPEC", DefaultedTemplateSpec, StringComparison.Ordinal);
}
