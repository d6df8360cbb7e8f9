using k8s;
using k8s.Models;

namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>Controller owner references (<c>metav1.GetControllerOf</c>, <c>NewControllerRef</c>).</summary>
internal static class OwnerReferences
{
    public static V1OwnerReference? ControllerOf(V1ObjectMeta? metadata) =>
        metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static V1OwnerReference NewControllerRef(IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind) =>
        new()
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Name = owner.Metadata.Name,
            Uid = owner.Metadata.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };
}
