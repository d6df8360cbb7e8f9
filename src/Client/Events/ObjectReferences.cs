using System.Reflection;

namespace Orchestrator.Client;

/// <summary>
/// Object references for any model object. Objects from lists carry no kind or apiVersion, so both
/// come from the model type's <see cref="KubernetesEntityAttribute"/> when the object lacks them.
/// </summary>
public static class ObjectReferences
{
    public static V1ObjectReference For(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var (apiVersion, kind) = TypeMetaOf(obj);
        return new V1ObjectReference
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Name = obj.Metadata?.Name,
            NamespaceProperty = obj.Metadata?.NamespaceProperty,
            Uid = obj.Metadata?.Uid,
            ResourceVersion = obj.Metadata?.ResourceVersion,
        };
    }

    /// <summary>An ownerReference naming <paramref name="owner"/> as the controller of a dependent.</summary>
    public static V1OwnerReference ControllerOf(IKubernetesObject<V1ObjectMeta> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var (apiVersion, kind) = TypeMetaOf(owner);
        return new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = true, Controller = true };
    }

    /// <summary>(apiVersion, kind) of an object, from the object or else its model type.</summary>
    public static (string ApiVersion, string Kind) TypeMetaOf(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!string.IsNullOrEmpty(obj.ApiVersion) && !string.IsNullOrEmpty(obj.Kind))
        {
            return (obj.ApiVersion, obj.Kind);
        }

        var entity = obj.GetType().GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{obj.GetType().Name} is not a Kubernetes model type", nameof(obj));
        var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : entity.Group + "/" + entity.ApiVersion;
        return (apiVersion, entity.Kind);
    }
}
