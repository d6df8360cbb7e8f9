using k8s;

namespace Orchestrator.ControllerManager.Kinds;

/// <summary>Deep copies of API objects, so objects from informer caches are never mutated.</summary>
internal static class ObjectCopy
{
    public static T Clone<T>(T obj) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
}
