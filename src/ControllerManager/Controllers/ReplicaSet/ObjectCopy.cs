using k8s;

namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>Deep copies of API objects, so objects from a cache are never mutated.</summary>
internal static class ObjectCopy
{
    public static T Clone<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
