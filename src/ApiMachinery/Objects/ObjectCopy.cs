using k8s;

namespace Orchestrator.ApiMachinery.Objects;

/// <summary>Deep copies of API objects, so objects from informer caches are never mutated (STYLE rule 11).</summary>
public static class ObjectCopy
{
    /// <summary>A copy sharing nothing with <paramref name="value"/>, made through the models' JSON form.</summary>
    public static T Deep<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
