using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Defaulting;

namespace Orchestrator.ApiServer.Tests.Defaulting;

/// <summary>SetDefaults_PodSpec, containers and volumes: JSON in, the defaulted JSON out.</summary>
public sealed class PodSpecDefaultsTests
{
    public static TheoryData<string, string, string> Specs => new()
    {
        {
            "bare container",
            """{"containers":[{"name":"a","image":"nginx"}]}""",
            """
            {"containers":[{"name":"a","image":"nginx","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always","resources":{}}],
             "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler","securityContext":{}}
            """
        },
        {
            "user values are kept",
            """
            {"restartPolicy":"Never","terminationGracePeriodSeconds":5,"dnsPolicy":"Default","schedulerName":"mine","securityContext":{"runAsUser":1},
             "containers":[{"name":"a","image":"nginx:1.27","imagePullPolicy":"Never","terminationMessagePath":"/x","terminationMessagePolicy":"FallbackToLogsOnError","resources":{"limits":{"cpu":"1"}}}]}
            """,
            """
            {"restartPolicy":"Never","terminationGracePeriodSeconds":5,"dnsPolicy":"Default","schedulerName":"mine","securityContext":{"runAsUser":1},
             "containers":[{"name":"a","image":"nginx:1.27","imagePullPolicy":"Never","terminationMessagePath":"/x","terminationMessagePolicy":"FallbackToLogsOnError","resources":{"limits":{"cpu":"1"}}}]}
            """
        },
        {
            "ports, probes, env field refs",
            """
            {"containers":[{"name":"a","image":"nginx:1.27","ports":[{"containerPort":80}],
              "livenessProbe":{"httpGet":{"port":80}},"readinessProbe":{"tcpSocket":{"port":80},"periodSeconds":5},
              "env":[{"name":"N","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},{"name":"V","value":"x"}]}]}
            """,
            """
            {"containers":[{"name":"a","image":"nginx:1.27","imagePullPolicy":"IfNotPresent","ports":[{"containerPort":80,"protocol":"TCP"}],
              "livenessProbe":{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
              "readinessProbe":{"tcpSocket":{"port":80},"periodSeconds":5,"timeoutSeconds":1,"successThreshold":1,"failureThreshold":3},
              "env":[{"name":"N","valueFrom":{"fieldRef":{"fieldPath":"metadata.name","apiVersion":"v1"}}},{"name":"V","value":"x"}]}]}
            """
        },
        {
            "init containers too",
            """{"initContainers":[{"name":"i","image":"busybox:latest"}],"containers":[{"name":"a","image":"nginx"}]}""",
            """{"initContainers":[{"name":"i","imagePullPolicy":"Always","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","resources":{}}]}"""
        },
        {
            "volumes",
            """
            {"containers":[],"volumes":[{"name":"c","configMap":{"name":"cm"}},{"name":"s","secret":{"secretName":"s","defaultMode":256}},
              {"name":"e"},{"name":"h","hostPath":{"path":"/tmp"}},{"name":"p","projected":{"sources":[]}},{"name":"d","downwardAPI":{"items":[{"path":"n","fieldRef":{"fieldPath":"metadata.name"}}]}},
              {"name":"pvc","persistentVolumeClaim":{"claimName":"data"}}]}
            """,
            """
            {"volumes":[{"name":"c","configMap":{"name":"cm","defaultMode":420}},{"name":"s","secret":{"secretName":"s","defaultMode":256}},
              {"name":"e","emptyDir":{}},{"name":"h","hostPath":{"path":"/tmp","type":""}},{"name":"p","projected":{"sources":[],"defaultMode":420}},
              {"name":"d","downwardAPI":{"items":[{"path":"n","fieldRef":{"fieldPath":"metadata.name","apiVersion":"v1"}}],"defaultMode":420}},
              {"name":"pvc","persistentVolumeClaim":{"claimName":"data"}}]}
            """
        },
        {
            "host network: host ports follow container ports",
            """{"hostNetwork":true,"containers":[{"name":"a","image":"x:1","ports":[{"containerPort":53,"protocol":"UDP"}]}]}""",
            """{"containers":[{"ports":[{"containerPort":53,"protocol":"UDP","hostPort":53}]}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Pod_specs_get_upstreams_defaults(string why, string input, string expected)
    {
        var spec = JsonNode.Parse(input)!.AsObject();
        PodSpecDefaults.Apply(spec);
        Assert.True(Served.Differences(JsonNode.Parse(expected), spec) is [], $"{why}: {string.Join("; ", Served.Differences(JsonNode.Parse(expected), spec))}");
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("registry:5000/team/app", "Always")]
    [InlineData("registry:5000/team/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:0123abcd", "IfNotPresent")]
    public void Image_pull_policy_is_Always_only_for_latest_or_untagged_images(string image, string policy) =>
        Assert.Equal(policy, ContainerDefaults.PullPolicy(image));
}
