using System.Reflection;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>The volume kinds this kubelet sets up and the directory names upstream's plugins use under a pod's volumes directory.</summary>
internal static class VolumePlugins
{
    public const string EmptyDir = "kubernetes.io~empty-dir";
    public const string ConfigMap = "kubernetes.io~configmap";
    public const string Secret = "kubernetes.io~secret";
    public const string DownwardApi = "kubernetes.io~downward-api";
    public const string Projected = "kubernetes.io~projected";

    private static readonly PropertyInfo[] Sources = typeof(V1Volume).GetProperties()
        .Where(p => p.Name != nameof(V1Volume.Name) && p.PropertyType.IsClass && p.PropertyType != typeof(string))
        .ToArray();

    /// <summary>The volume's source as its JSON field name (e.g. "persistentVolumeClaim"); "emptyDir" when none is set, as the API defaults it.</summary>
    public static string KindOf(V1Volume volume)
    {
        foreach (var property in Sources)
        {
            if (property.GetValue(volume) is not null)
            {
                return property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            }
        }

        return "emptyDir";
    }

    /// <summary>
    /// Whether a container always gets the volume read-only, whatever its volumeMount says (upstream's plugins report
    /// ReadOnly): configMap, secret, downwardAPI and projected volumes, and a persistentVolumeClaim volume with readOnly.
    /// </summary>
    public static bool IsAlwaysReadOnly(V1Volume volume) =>
        volume.ConfigMap is not null || volume.Secret is not null || volume.DownwardAPI is not null || volume.Projected is not null
        || volume.PersistentVolumeClaim?.ReadOnlyProperty == true;
}
