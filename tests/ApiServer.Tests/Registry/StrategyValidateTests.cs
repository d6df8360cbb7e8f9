using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Registry;

/// <summary>Every strategy's Validate: invalid objects, defaulted first as on a real create, and the causes upstream answers with.</summary>
public sealed class StrategyValidateTests
{
    private const string Containers = "\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"}]";

    public static TheoryData<string, string, string, string[]> Invalid => new()
    {
        {
            "apps", "deployments",
            """{"spec":{"template":{"metadata":{"labels":{"app":"x"}},"spec":{CONTAINERS}}}}""",
            ["spec.selector: Required value"]
        },
        {
            "apps", "deployments",
            """{"spec":{"replicas":-1,"selector":{"matchLabels":{"app":"y"}},"template":{"metadata":{"labels":{"app":"x","b":"c"}},"spec":{CONTAINERS}}}}""",
            [
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\", \"b\":\"c\"}: `selector` does not match template `labels`",
            ]
        },
        {
            "apps", "replicasets",
            """{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"spec":{}}}}""",
            [
                "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`",
                "spec.template.spec.containers: Required value",
            ]
        },
        {
            "apps", "statefulsets",
            """{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"Web","image":""},{"name":"b","image":"i"},{"name":"b","image":"i"}]}}}}""",
            [
                "spec.template.spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.spec.containers[2].name: Duplicate value: \"b\"",
            ]
        },
        {
            "apps", "daemonsets",
            """{"spec":{"selector":{"matchExpressions":[{"key":"app","operator":"In","values":["x"]}]},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"restartPolicy":"Never",CONTAINERS}}}}""",
            ["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""]
        },
        {
            "", "pods",
            """{"spec":{"containers":[{"image":"nginx"}],"initContainers":[{"name":"a","image":"busybox"},{"name":"a","image":"busybox"}]}}""",
            [
                "spec.containers[0].name: Required value",
                "spec.initContainers[1].name: Duplicate value: \"a\"",
            ]
        },
        {
            "", "pods",
            """{"spec":{}}""",
            ["spec.containers: Required value"]
        },
        {
            "batch", "jobs",
            """{"metadata":{"name":"j","uid":"u"},"spec":{"template":{"spec":{CONTAINERS}}}}""",
            ["spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""]
        },
        {
            "batch", "jobs",
            """{"metadata":{"name":"j","uid":"u"},"spec":{"backoffLimit":-2,"template":{"spec":{"restartPolicy":"Never",CONTAINERS}}}}""",
            ["spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0"]
        },
        {
            "batch", "cronjobs",
            """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",CONTAINERS}}}}}}""",
            ["spec.schedule: Required value"]
        },
        {
            "batch", "cronjobs",
            """{"spec":{"schedule":"x","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",CONTAINERS}}}}}}""",
            ["spec.schedule: Invalid value: \"x\": expected exactly 5 fields, found 1: [x]"]
        },
        {
            "batch", "cronjobs",
            """{"spec":{"schedule":"TZ=UTC 0 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",CONTAINERS}}}}}}""",
            ["spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
        },
        {
            "", "services",
            """{"spec":{"selector":{"app":"x"}}}""",
            ["spec.ports: Required value"]
        },
        {
            "", "services",
            """{"spec":{"ports":[{"port":80},{"port":70000}]}}""",
            ["spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive"]
        },
        {
            "", "configmaps",
            """{"data":{"ok.key":"1","a b":"2"}}""",
            ["data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]
        },
        {
            "", "secrets",
            """{"stringData":{"..":"x"}}""",
            ["stringData[..]: Invalid value: \"..\": must not be '..'"]
        },
    };

    public static TheoryData<string, string, string> Valid => new()
    {
        { "apps", "deployments", """{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x","v":"1"}},"spec":{CONTAINERS}}}}""" },
        { "batch", "jobs", """{"metadata":{"name":"j","uid":"u"},"spec":{"template":{"spec":{"restartPolicy":"Never",CONTAINERS}}}}""" },
        { "batch", "cronjobs", """{"spec":{"schedule":"*/5 1-3,7 ? JAN-mar mon-fri","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",CONTAINERS}}}}}}""" },
        { "batch", "cronjobs", """{"spec":{"schedule":"@hourly","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",CONTAINERS}}}}}}""" },
        { "", "services", """{"spec":{"clusterIP":"None"}}""" },
        { "", "services", """{"spec":{"type":"ExternalName","externalName":"example.com"}}""" },
        { "", "pods", """{"spec":{"restartPolicy":"OnFailure",CONTAINERS}}""" },
        { "", "configmaps", """{"data":{"a-b_c.d":"1"},"binaryData":{"Z":"AA=="}}""" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_objects_get_upstreams_causes(string group, string plural, string input, string[] expected)
    {
        Assert.Equal(expected, Causes(group, plural, input));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_objects_pass(string group, string plural, string input)
    {
        Assert.Empty(Causes(group, plural, input));
    }

    [Fact]
    public void The_error_names_the_object_and_lists_every_cause()
    {
        var resource = Served.Resource("apps", "deployments");
        var body = JsonNode.Parse("""{"metadata":{"name":"web"},"spec":{"replicas":-1}}""")!.AsObject();
        var rules = new RegistryRules(TimeProvider.System, new Random(1), new AdmissionChain([]));
        var error = Assert.Throws<ApiException>(() => rules.PrepareCreate(resource, body, "default"));
        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        Assert.True(error.Message.StartsWith("Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value", StringComparison.Ordinal), error.Message);
    }

    private static string[] Causes(string group, string plural, string input)
    {
        var resource = Served.Resource(group, plural);
        var body = JsonNode.Parse(input.Replace("CONTAINERS", Containers, StringComparison.Ordinal))!.AsObject();
        resource.Strategy.Default(body, create: true);
        var causes = new List<StatusCause>();
        resource.Strategy.Validate(body, causes);
        return [.. causes.Select(c => $"{c.Field}: {c.Message}")];
    }
}
