using k8s;

namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>Deep copies of API objects, so cached objects are never mutated (STYLE rule 11).</summary>
internal static class ObjectCopy
{
    public static T Deep<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
