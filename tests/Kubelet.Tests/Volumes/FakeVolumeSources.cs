using k8s.Models;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

/// <summary>An in-memory <see cref="IVolumeSources"/> for unit tests.</summary>
internal sealed class FakeVolumeSources : IVolumeSources
{
    private readonly Dictionary<(string, string), V1ConfigMap> _configMaps = [];
    private readonly Dictionary<(string, string), V1Secret> _secrets = [];

    public FakeVolumeSources ConfigMap(string ns, string name, Dictionary<string, string>? data = null, Dictionary<string, byte[]>? binaryData = null)
    {
        _configMaps[(ns, name)] = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Data = data, BinaryData = binaryData };
        return this;
    }

    public FakeVolumeSources Secret(string ns, string name, Dictionary<string, byte[]>? data = null, Dictionary<string, string>? stringData = null, string? type = null, Dictionary<string, string>? annotations = null)
    {
        _secrets[(ns, name)] = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Annotations = annotations },
            Data = data,
            StringData = stringData,
            Type = type,
        };
        return this;
    }

    public void RemoveConfigMap(string ns, string name) => _configMaps.Remove((ns, name));

    public V1ConfigMap? GetConfigMap(string ns, string name) => _configMaps.GetValueOrDefault((ns, name));

    public V1Secret? GetSecret(string ns, string name) => _secrets.GetValueOrDefault((ns, name));

    /// <summary>The uids of the pods registered and not unregistered.</summary>
    public HashSet<string> Registered { get; } = new(StringComparer.Ordinal);

    public Task RegisterPodAsync(V1Pod pod, CancellationToken ct)
    {
        Registered.Add(pod.Metadata.Uid);
        return Task.CompletedTask;
    }

    public void UnregisterPod(string podUid) => Registered.Remove(podUid);
}
