using k8s.Models;
using Orchestrator.ApiMachinery.Resources;
using Orchestrator.ApiMachinery.Scheduling;
using JsonFields = Orchestrator.ApiServer.Defaulting.JsonFields;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.RuntimeClass;

/// <summary>
/// Upstream's RuntimeClass admission (plugin/pkg/admission/runtimeclass): a new pod naming
/// <c>spec.runtimeClassName</c> gets the class's <c>overhead.podFixed</c> as <c>spec.overhead</c> and its
/// <c>scheduling</c> merged in (nodeSelector: the class's labels added, a different value for the same key is a
/// conflict; tolerations: upstream's superset merge). A missing class, an overhead that differs from the class's,
/// or an overhead with no class overhead is refused with 403, in upstream's words. Validation re-checks the overhead
/// once mutating webhooks have run. Pods only, on create, not subresources.
/// </summary>
internal sealed class RuntimeClassAdmission(IObjectLookup objects, ResourceRegistry registry) : IAdmissionPlugin
{
    private readonly ResourceDefinition _runtimeClasses = registry.Find("node.k8s.io", "v1", "runtimeclasses")!;

    public string Name => "RuntimeClass";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    public void Admit(AdmissionAttributes attributes)
    {
        if (Ignored(attributes))
        {
            return;
        }

        var spec = JsonFields.Child(attributes.Object, "spec");
        var runtimeClass = Find(attributes, spec);
        if (runtimeClass is null)
        {
            return;
        }

        if (runtimeClass.At("overhead", "podFixed") is JsonObject podFixed)
        {
            if (spec["overhead"] is JsonObject overhead && !SameResources(podFixed, overhead))
            {
                throw attributes.Forbidden("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
            }

            spec["overhead"] = podFixed.DeepClone();
        }

        if (runtimeClass["scheduling"] is JsonObject scheduling)
        {
            MergeNodeSelector(attributes, spec, scheduling["nodeSelector"] as JsonObject);
            MergeTolerations(spec, scheduling["tolerations"] as JsonArray);
        }
    }

    public void Validate(AdmissionAttributes attributes)
    {
        if (Ignored(attributes))
        {
            return;
        }

        var spec = JsonFields.Child(attributes.Object, "spec");
        var overhead = spec["overhead"] as JsonObject;
        var podFixed = Find(attributes, spec)?.At("overhead", "podFixed") as JsonObject;
        if (podFixed is not null && (overhead is null || !SameResources(podFixed, overhead)))
        {
            throw attributes.Forbidden("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
        }

        if (podFixed is null && overhead is not null)
        {
            throw attributes.Forbidden("pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead");
        }
    }

    private static bool Ignored(AdmissionAttributes attributes) =>
        attributes.Resource is not { Group: "", Plural: "pods" } || attributes.Subresource is not null;

    /// <summary>The pod's RuntimeClass, null when it names none; a class that does not exist is a 403.</summary>
    private JsonObject? Find(AdmissionAttributes attributes, JsonObject spec)
    {
        if (JsonFields.Text(spec["runtimeClassName"]) is not { } name)
        {
            return null;
        }

        return objects.Find(_runtimeClasses, null, name)
            ?? throw attributes.Forbidden($"pod rejected: RuntimeClass \"{name}\" not found");
    }

    private static void MergeNodeSelector(AdmissionAttributes attributes, JsonObject spec, JsonObject? classSelector)
    {
        if (classSelector is null || classSelector.Count == 0)
        {
            return;
        }

        if (spec["nodeSelector"] is not JsonObject selector)
        {
            spec["nodeSelector"] = classSelector.DeepClone();
            return;
        }

        foreach (var (key, value) in classSelector)
        {
            var classValue = JsonFields.Text(value) ?? "";
            if (selector[key] is { } podNode && (JsonFields.Text(podNode) ?? "") is var podValue && podValue != classValue)
            {
                throw attributes.Forbidden($"conflict: runtimeClass.scheduling.nodeSelector[{key}] = {classValue}; pod.spec.nodeSelector[{key}] = {podValue}");
            }

            selector[key] = classValue;
        }
    }

    private static void MergeTolerations(JsonObject spec, JsonArray? classTolerations)
    {
        if (classTolerations is null || classTolerations.Count == 0)
        {
            return;
        }

        var merged = Tolerations.Merge(Read(spec["tolerations"] as JsonArray), Read(classTolerations));
        spec["tolerations"] = JsonNode.Parse(k8s.KubernetesJson.Serialize(merged));
    }

    private static List<V1Toleration> Read(JsonArray? tolerations) =>
        tolerations is null ? [] : k8s.KubernetesJson.Deserialize<List<V1Toleration>>(tolerations.ToJsonString()) ?? [];

    /// <summary>Upstream's semantic equality of two ResourceLists: the same names, each quantity equal by value (1 = 1000m).</summary>
    private static bool SameResources(JsonObject expected, JsonObject actual) =>
        expected.Count == actual.Count && expected.All(pair =>
            actual[pair.Key] is { } other && Quantity.TryParse(JsonFields.Text(pair.Value) ?? "", out var a, out _)
            && Quantity.TryParse(JsonFields.Text(other) ?? "", out var b, out _) && a.CompareTo(b) == 0);
}
