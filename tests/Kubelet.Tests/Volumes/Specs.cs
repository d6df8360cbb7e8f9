using k8s.Models;

namespace Orchestrator.Kubelet.Tests.Volumes;

/// <summary>Short builders for the pod spec parts the volume tests use (the client's models have no constructors).</summary>
internal static class Specs
{
    public static int Octal(string mode) => Convert.ToInt32(mode, 8);

    public static V1Volume EmptyDir(string name, string? medium = null, string? sizeLimit = null) =>
        new() { Name = name, EmptyDir = new V1EmptyDirVolumeSource { Medium = medium, SizeLimit = sizeLimit is null ? null : new ResourceQuantity(sizeLimit) } };

    public static V1Volume ConfigMap(string name, string configMap, IList<V1KeyToPath>? items = null, int? defaultMode = null, bool? optional = null) =>
        new() { Name = name, ConfigMap = new V1ConfigMapVolumeSource { Name = configMap, Items = items, DefaultMode = defaultMode, Optional = optional } };

    public static V1Volume Secret(string name, string secret, IList<V1KeyToPath>? items = null, int? defaultMode = null, bool? optional = null) =>
        new() { Name = name, Secret = new V1SecretVolumeSource { SecretName = secret, Items = items, DefaultMode = defaultMode, Optional = optional } };

    public static V1Volume DownwardApi(string name, params V1DownwardAPIVolumeFile[] items) =>
        new() { Name = name, DownwardAPI = new V1DownwardAPIVolumeSource { Items = items } };

    public static V1Volume Projected(string name, int? defaultMode, params V1VolumeProjection[] sources) =>
        new() { Name = name, Projected = new V1ProjectedVolumeSource { Sources = sources, DefaultMode = defaultMode } };

    public static V1Volume HostPath(string name, string path, string type) =>
        new() { Name = name, HostPath = new V1HostPathVolumeSource { Path = path, Type = type } };

    public static V1KeyToPath Item(string key, string path, int? mode = null) => new() { Key = key, Path = path, Mode = mode };

    public static V1DownwardAPIVolumeFile Field(string path, string fieldPath, int? mode = null) =>
        new() { Path = path, FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath }, Mode = mode };

    public static V1DownwardAPIVolumeFile Resource(string path, string resource, string container, string? divisor = null) => new()
    {
        Path = path,
        ResourceFieldRef = new V1ResourceFieldSelector { Resource = resource, ContainerName = container, Divisor = divisor is null ? null : new ResourceQuantity(divisor) },
    };

    public static V1VolumeMount Mount(string name, string path, bool? readOnly = null, string? subPath = null, string? subPathExpr = null, string? propagation = null) =>
        new() { Name = name, MountPath = path, ReadOnlyProperty = readOnly, SubPath = subPath, SubPathExpr = subPathExpr, MountPropagation = propagation };
}
