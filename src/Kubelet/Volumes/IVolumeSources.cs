using k8s.Models;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Where the kubelet reads the configMaps and secrets that volumes and environment variables
/// reference. Thread-safe; returned objects are shared with a cache: never mutate them. Callers
/// wait for the sources to sync before the first pod sync, so null means the object does not exist.
/// </summary>
internal interface IVolumeSources
{
    /// <summary>The configMap, or null when it does not exist.</summary>
    V1ConfigMap? GetConfigMap(string ns, string name);

    /// <summary>The secret, or null when it does not exist.</summary>
    V1Secret? GetSecret(string ns, string name);

    /// <summary>Every secret of the namespace (used to find a service account's token secret).</summary>
    IReadOnlyList<V1Secret> ListSecrets(string ns);
}
