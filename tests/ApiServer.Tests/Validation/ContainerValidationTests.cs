using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Tests.Defaulting;
using Orchestrator.ApiServer.Validation;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>Container resources, probes, ports, env and volumes: the causes upstream answers with.</summary>
public sealed class ContainerValidationTests
{
    public static TheoryData<string, string[]> Invalid => new()
    {
        {
            """{"resources":{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}}""",
            ["spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"]
        },
        {
            """{"resources":{"requests":{"memory":"-1Mi"}}}""",
            ["spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0"]
        },
        {
            """{"resources":{"limits":{"foo":"1"}}}""",
            [
                "spec.containers[0].resources.limits[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified",
                "spec.containers[0].resources.limits[foo]: Invalid value: \"foo\": must be a standard resource for containers",

                // Defaulting copies limits into missing requests, so upstream reports the request too.
                "spec.containers[0].resources.requests[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified",
                "spec.containers[0].resources.requests[foo]: Invalid value: \"foo\": must be a standard resource for containers",
            ]
        },
        {
            """{"resources":{"requests":{"example.com/gpu":"1"}}}""",
            ["spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources"]
        },
        {
            """{"resources":{"requests":{"example.com/gpu":"500m"},"limits":{"example.com/gpu":"1"}}}""",
            [
                "spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"500m\": must be an integer",
                "spec.containers[0].resources.requests: Invalid value: \"500m\": must be equal to example.com/gpu limit of 1",
            ]
        },
        {
            """{"livenessProbe":{}}""",
            ["spec.containers[0].livenessProbe: Required value: must specify a handler type"]
        },
        {
            """{"readinessProbe":{"exec":{"command":["true"]},"tcpSocket":{"port":80},"periodSeconds":-1}}""",
            [
                "spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
                "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
            ]
        },
        {
            """{"startupProbe":{"httpGet":{"port":0},"successThreshold":2}}""",
            [
                "spec.containers[0].startupProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1",
            ]
        },
        {
            """{"lifecycle":{"preStop":{"sleep":{"seconds":40}}}}""",
            ["spec.containers[0].lifecycle.preStop.sleep: Invalid value: 40: must be non-negative and less than terminationGracePeriodSeconds (30)"]
        },
        {
            """{"livenessProbe":{"exec":{}}}""",
            ["spec.containers[0].livenessProbe.exec.command: Required value"]
        },
        {
            """{"ports":[{"containerPort":70000},{"containerPort":80,"protocol":"HTTP","name":"web"},{"containerPort":81,"name":"web"},{"name":"Bad_Name","containerPort":1}]}""",
            [
                "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.containers[0].ports[2].name: Duplicate value: \"web\"",
                "spec.containers[0].ports[3].name: Invalid value: \"Bad_Name\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            ]
        },
        {
            """{"ports":[{"name":"p"}]}""",
            ["spec.containers[0].ports[0].containerPort: Required value"]
        },
        {
            """{"env":[{"name":""},{"name":"A=B"},{"name":"ok","valueFrom":{}}]}""",
            [
                "spec.containers[0].env[0].name: Required value",
                "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                "spec.containers[0].env[2].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
            ]
        },
        {
            """{"volumeMounts":[{"name":"missing","mountPath":"/a"},{"name":"data"}]}""",
            [
                "spec.containers[0].volumeMounts[0].name: Not found: \"missing\"",
                "spec.containers[0].volumeMounts[1].mountPath: Required value",
            ]
        },
    };

    public static TheoryData<string, string[]> InvalidVolumes => new()
    {
        {
            """[{"name":"data","emptyDir":{}},{"name":"data","emptyDir":{}}]""",
            ["spec.volumes[1].name: Duplicate value: \"data\""]
        },
        {
            """[{"name":"Data","emptyDir":{}}]""",
            ["spec.volumes[0].name: Invalid value: \"Data\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        },
        {
            """[{"name":"data","emptyDir":{},"hostPath":{"path":"/x"}}]""",
            ["spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type"]
        },
        {
            """[{"name":"data","hostPath":{"path":""}}]""",
            ["spec.volumes[0].hostPath.path: Required value"]
        },
        {
            """[{"name":"data","hostPath":{"path":"/a/../b","type":"Dir"}}]""",
            [
                "spec.volumes[0].hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
                "spec.volumes[0].hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
            ]
        },
        {
            """[{"name":"data","configMap":{"name":"cm","items":[{"key":"","path":"/abs"}]}}]""",
            [
                "spec.volumes[0].configMap.items[0].key: Required value",
                "spec.volumes[0].configMap.items[0].path: Invalid value: \"/abs\": must be a relative path",
            ]
        },
        {
            """[{"name":"data","secret":{"defaultMode":1000}}]""",
            [
                "spec.volumes[0].secret.secretName: Required value",
                "spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
            ]
        },
        {
            """[{"name":"data","emptyDir":{"sizeLimit":"-1Gi"}}]""",
            ["spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_containers_get_upstreams_causes(string container, string[] expected)
    {
        var c = JsonNode.Parse(container)!.AsObject();
        c["name"] = "c";
        c["image"] = "nginx:1";
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p" },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(c),
                ["volumes"] = JsonNode.Parse("""[{"name":"data","emptyDir":{}}]"""),
            },
        };

        Assert.Equal(expected, Causes(pod));
    }

    [Theory]
    [MemberData(nameof(InvalidVolumes))]
    public void Invalid_volumes_get_upstreams_causes(string volumes, string[] expected)
    {
        var pod = JsonNode.Parse($$$"""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i:1"}],"volumes":{{{volumes}}}}}""")!.AsObject();

        Assert.Equal(expected, Causes(pod));
    }

    [Fact]
    public void Probes_on_plain_init_containers_are_forbidden_but_sidecars_may_have_them()
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i:1"}],"initContainers":[
              {"name":"init","image":"i:1","readinessProbe":{"exec":{"command":["true"]}}},
              {"name":"side","image":"i:1","restartPolicy":"Always","readinessProbe":{"exec":{"command":["true"]}}}]}}
            """)!.AsObject();

        Assert.Equal(["spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"], Causes(pod));
    }

    [Fact]
    public void A_full_valid_pod_passes_and_zero_probe_timings_take_the_defaults()
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"name":"p"},"spec":{"volumes":[{"name":"cfg","configMap":{"name":"cm","items":[{"key":"a","path":"a.txt"}]}},{"name":"tmp","emptyDir":{"sizeLimit":"1Gi"}}],
             "containers":[{"name":"c","image":"i:1","ports":[{"name":"http","containerPort":8080}],
               "env":[{"name":"1.weird-but-ok","value":"x"},{"name":"FROM","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
               "resources":{"requests":{"cpu":"500m","memory":"64Mi"},"limits":{"cpu":"1","memory":"64Mi"}},
               "volumeMounts":[{"name":"cfg","mountPath":"/etc/cfg"},{"name":"tmp","mountPath":"/tmp","subPath":"x"}],
               "livenessProbe":{"httpGet":{"port":"http"},"successThreshold":0,"periodSeconds":0},
               "readinessProbe":{"tcpSocket":{"port":8080}},
               "lifecycle":{"preStop":{"exec":{"command":["sleep","1"]}}}}]}}
            """)!.AsObject();

        Assert.Empty(Causes(pod));
        Assert.Equal(10, pod["spec"]!["containers"]![0]!["livenessProbe"]!["periodSeconds"]!.GetValue<int>());
    }

    private static string[] Causes(JsonObject pod)
    {
        var resource = Served.Resource("", "pods");
        resource.Strategy.Default(pod, create: true);
        var causes = new List<Errors.StatusCause>();
        resource.Strategy.Validate(pod, causes);
        return [.. causes.Select(c => $"{c.Field}: {c.Message}")];
    }
}
