using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.RuntimeClass;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Admission.RuntimeClass;

/// <summary>The RuntimeClass plugin: overhead and scheduling merged into new pods, upstream's 403s (plugin/pkg/admission/runtimeclass).</summary>
public sealed class RuntimeClassAdmissionTests
{
    private const string Windows = """
        {"metadata":{"name":"windows-2019"},"handler":"runhcs-wcow-process",
         "overhead":{"podFixed":{"cpu":"250m","memory":"64Mi"}},
         "scheduling":{"nodeSelector":{"kubernetes.io/os":"windows","node.kubernetes.io/windows-build":"10.0.17763"},
                       "tolerations":[{"key":"os","operator":"Equal","value":"windows","effect":"NoSchedule"}]}}
        """;

    [Fact]
    public void A_pod_gets_the_class_overhead_node_selector_and_tolerations()
    {
        var pod = Admit("""{"metadata":{"name":"p"},"spec":{"runtimeClassName":"windows-2019","nodeSelector":{"disk":"ssd"},"tolerations":[{"key":"a","operator":"Exists"}]}}""");

        Assert.Equal("""{"cpu":"250m","memory":"64Mi"}""", pod["spec"]!["overhead"]!.ToJsonString());
        Assert.Equal("""{"disk":"ssd","kubernetes.io/os":"windows","node.kubernetes.io/windows-build":"10.0.17763"}""", pod["spec"]!["nodeSelector"]!.ToJsonString());
        Assert.Equal("""[{"key":"a","operator":"Exists"},{"effect":"NoSchedule","key":"os","operator":"Equal","value":"windows"}]""", pod["spec"]!["tolerations"]!.ToJsonString());
    }

    [Fact]
    public void A_pod_without_a_class_is_left_alone()
    {
        Assert.Equal("""{"spec":{"nodeSelector":{"a":"b"}}}""", Admit("""{"spec":{"nodeSelector":{"a":"b"}}}""").ToJsonString());
    }

    [Theory]
    [InlineData("""{"spec":{"runtimeClassName":"missing"}}""", "pods \"p\" is forbidden: pod rejected: RuntimeClass \"missing\" not found")]
    [InlineData("""{"spec":{"runtimeClassName":"windows-2019","nodeSelector":{"kubernetes.io/os":"linux"}}}""",
        "pods \"p\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[kubernetes.io/os] = windows; pod.spec.nodeSelector[kubernetes.io/os] = linux")]
    [InlineData("""{"spec":{"runtimeClassName":"windows-2019","overhead":{"cpu":"1"}}}""", "pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead")]
    public void Upstream_refusals_are_403(string pod, string message)
    {
        var error = Assert.Throws<ApiException>(() => Admit(pod));

        Assert.Equal(403, error.Code);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_equal_overhead_written_differently_is_accepted()
    {
        var pod = Admit("""{"spec":{"runtimeClassName":"windows-2019","overhead":{"cpu":"0.25","memory":"65536Ki"}}}""");

        Assert.Equal("""{"cpu":"250m","memory":"64Mi"}""", pod["spec"]!["overhead"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"spec":{"overhead":{"cpu":"1"}}}""", "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead")]
    [InlineData("""{"spec":{"runtimeClassName":"windows-2019","overhead":{"cpu":"1"}}}""", "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead")]
    [InlineData("""{"spec":{"runtimeClassName":"windows-2019"}}""", "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead")]
    public void Validation_refuses_an_overhead_changed_after_admission(string pod, string why)
    {
        var (plugin, resource) = Plugin();
        var error = Assert.Throws<ApiException>(() => plugin.Validate(Attributes(resource, JsonNode.Parse(pod)!.AsObject())));

        Assert.Equal($"pods \"p\" is forbidden: {why}", error.Message);
    }

    [Fact]
    public void Only_pod_creates_are_handled()
    {
        var (plugin, _) = Plugin();

        Assert.True(plugin.Handles(AdmissionOperation.Create));
        Assert.False(plugin.Handles(AdmissionOperation.Update));
    }

    private static JsonObject Admit(string json)
    {
        var (plugin, resource) = Plugin();
        var pod = JsonNode.Parse(json)!.AsObject();
        plugin.Admit(Attributes(resource, pod));
        plugin.Validate(Attributes(resource, pod));
        return pod;
    }

    private static AdmissionAttributes Attributes(ResourceDefinition resource, JsonObject pod) =>
        new(AdmissionOperation.Create, resource, null, "default", "p", pod, null, DryRun: false);

    private static (RuntimeClassAdmission Plugin, ResourceDefinition Pods) Plugin()
    {
        var registry = ResourceRegistry.BuiltIn;
        return (new RuntimeClassAdmission(new Classes(), registry), registry.All.First(r => r.Group == "" && r.Plural == "pods"));
    }

    private sealed class Classes : IObjectLookup
    {
        public JsonObject? Find(ResourceDefinition resource, string? ns, string name) =>
            resource.Plural == "runtimeclasses" && name == "windows-2019" ? JsonNode.Parse(Windows)!.AsObject() : null;
    }
}
