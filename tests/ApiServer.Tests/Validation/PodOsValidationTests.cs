using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>spec.os: upstream's validateOS, validateWindows and validateLinux causes (pkg/apis/core/validation/validation.go).</summary>
public sealed class PodOsValidationTests
{
    public static TheoryData<string, string[]> Invalid => new()
    {
        {
            """{"os":{"name":"windows"},"securityContext":{"runAsUser":1000,"seLinuxOptions":{"level":"s0"},"sysctls":[{"name":"kernel.shm_rmid_forced","value":"1"}]},"hostPID":true,"containers":[{"name":"c","image":"i:1","securityContext":{"privileged":true,"capabilities":{"add":["NET_ADMIN"]},"runAsGroup":1}}]}""",
            [
                "spec.securityContext.seLinuxOptions: Forbidden: cannot be set for a windows pod",
                "spec.securityContext.sysctls: Forbidden: cannot be set for a windows pod",
                "spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod",
                "spec.hostPID: Forbidden: cannot be set for a windows pod",
                "spec.containers[0].securityContext.capabilities: Forbidden: cannot be set for a windows pod",
                "spec.containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod",
                "spec.containers[0].securityContext.runAsGroup: Forbidden: cannot be set for a windows pod",
            ]
        },
        {
            """{"os":{"name":"windows"},"shareProcessNamespace":false,"initContainers":[{"name":"i","image":"i:1","securityContext":{"readOnlyRootFilesystem":true}}],"containers":[{"name":"c","image":"i:1"}]}""",
            [
                "spec.shareProcessNamespace: Forbidden: cannot be set for a windows pod",
                "spec.initContainers[0].securityContext.readOnlyRootFilesystem: Forbidden: cannot be set for a windows pod",
            ]
        },
        {
            """{"os":{"name":"linux"},"securityContext":{"windowsOptions":{"runAsUserName":"ContainerUser"}},"containers":[{"name":"c","image":"i:1","securityContext":{"windowsOptions":{"hostProcess":false}}}]}""",
            [
                "spec.securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod",
                "spec.containers[0].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod",
            ]
        },
        {
            """{"os":{"name":"plan9"},"containers":[{"name":"c","image":"i:1"}]}""",
            ["spec.os: Unsupported value: \"plan9\": supported values: \"linux\", \"windows\""]
        },
        {
            """{"os":{},"containers":[{"name":"c","image":"i:1"}]}""",
            ["spec.os.name: Required value: cannot be empty"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Os_specific_fields_get_upstreams_causes(string spec, string[] expected)
    {
        Assert.Equal(expected, Causes(spec));
    }

    [Theory]
    [InlineData("""{"os":{"name":"windows"},"securityContext":{"runAsNonRoot":true,"windowsOptions":{"runAsUserName":"ContainerUser","gmsaCredentialSpec":"{}"}},"containers":[{"name":"c","image":"i:1","securityContext":{"windowsOptions":{"hostProcess":false}}}]}""")]
    [InlineData("""{"os":{"name":"linux"},"securityContext":{"runAsUser":1000},"hostPID":true,"containers":[{"name":"c","image":"i:1","securityContext":{"privileged":true}}]}""")]
    [InlineData("""{"securityContext":{"runAsUser":1000,"windowsOptions":{"runAsUserName":"u"}},"containers":[{"name":"c","image":"i:1"}]}""")]
    public void Fields_the_pods_os_has_or_a_pod_without_os_pass(string spec)
    {
        Assert.Empty(Causes(spec));
    }

    private static string[] Causes(string spec)
    {
        var pod = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p" }, ["spec"] = JsonNode.Parse(spec) };
        var resource = Served.Resource("", "pods");
        resource.Strategy.Default(pod, create: true);
        var causes = new List<Errors.StatusCause>();
        resource.Strategy.Validate(pod, causes);
        return [.. causes.Select(c => $"{c.Field}: {c.Message}")];
    }
}
