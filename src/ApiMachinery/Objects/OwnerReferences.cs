using k8s;

namespace Orchestrator.ApiMachinery.Objects;

/// <summary>Controller owner references (upstream metav1.NewControllerRef / GetControllerOf / IsControlledBy).</summary>
public static class OwnerReferences
{
    /// <summary>A reference marking <paramref name="owner"/> as the managing controller, blocking its foreground deletion.</summary>
    public static V1OwnerReference NewControllerRef(V1ObjectMeta owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Name,
        Uid = owner.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public static V1OwnerReference NewControllerRef(IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind) =>
        NewControllerRef(owner.Metadata, apiVersion, kind);

    /// <summary>The owner reference with <c>controller: true</c>, if any.</summary>
    public static V1OwnerReference? ControllerOf(V1ObjectMeta? meta) =>
        meta?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>The owner's name when <paramref name="meta"/> is controlled by an object of <paramref name="kind"/>.</summary>
    public static string? ControllerName(V1ObjectMeta meta, string kind) =>
        ControllerOf(meta) is { } r && r.Kind == kind ? r.Name : null;

    public static bool IsControlledBy(V1ObjectMeta meta, V1ObjectMeta owner) =>
        ControllerOf(meta)?.Uid == owner.Uid;
}
