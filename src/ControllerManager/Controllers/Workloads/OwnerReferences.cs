using k8s.Models;

namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>Controller owner references (upstream metav1.NewControllerRef / GetControllerOf).</summary>
internal static class OwnerReferences
{
    public static V1OwnerReference ControllerRef(V1ObjectMeta owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Name,
        Uid = owner.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public static V1OwnerReference? ControllerOf(V1ObjectMeta meta) =>
        meta.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>The owner's name when <paramref name="meta"/> is controlled by an object of <paramref name="kind"/>.</summary>
    public static string? ControllerName(V1ObjectMeta meta, string kind) =>
        ControllerOf(meta) is { } r && r.Kind == kind ? r.Name : null;

    public static bool IsControlledBy(V1ObjectMeta meta, V1ObjectMeta owner) =>
        ControllerOf(meta)?.Uid == owner.Uid;
}
