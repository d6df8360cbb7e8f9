using k8s.Models;

namespace Orchestrator.Kubelet.Volumes.Sources;

/// <summary>
/// The secrets and configMaps of its own namespace a pod makes this kubelet read (upstream's
/// VisitPodSecretNames and VisitPodConfigmapNames, limited to what this kubelet reads): configMap,
/// secret and projected volumes, and env / envFrom of every container (init, regular, ephemeral).
/// imagePullSecrets are left out: this kubelet pulls without credentials and never reads them.
/// </summary>
internal static class PodSourceNames
{
    public static IReadOnlySet<string> Secrets(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            Add(names, volume.Secret?.SecretName);
            foreach (var source in volume.Projected?.Sources ?? [])
            {
                Add(names, source.Secret?.Name);
            }
        }

        foreach (var (env, envFrom) in Environments(pod))
        {
            foreach (var variable in env ?? [])
            {
                Add(names, variable.ValueFrom?.SecretKeyRef?.Name);
            }

            foreach (var from in envFrom ?? [])
            {
                Add(names, from.SecretRef?.Name);
            }
        }

        return names;
    }

    public static IReadOnlySet<string> ConfigMaps(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            Add(names, volume.ConfigMap?.Name);
            foreach (var source in volume.Projected?.Sources ?? [])
            {
                Add(names, source.ConfigMap?.Name);
            }
        }

        foreach (var (env, envFrom) in Environments(pod))
        {
            foreach (var variable in env ?? [])
            {
                Add(names, variable.ValueFrom?.ConfigMapKeyRef?.Name);
            }

            foreach (var from in envFrom ?? [])
            {
                Add(names, from.ConfigMapRef?.Name);
            }
        }

        return names;
    }

    /// <summary>env and envFrom of every container; either may be null (absent from the JSON).</summary>
    private static IEnumerable<(IList<V1EnvVar> Env, IList<V1EnvFromSource> EnvFrom)> Environments(V1Pod pod) =>
        (pod.Spec?.InitContainers ?? []).Select(c => (c.Env, c.EnvFrom))
            .Concat((pod.Spec?.Containers ?? []).Select(c => (c.Env, c.EnvFrom)))
            .Concat((pod.Spec?.EphemeralContainers ?? []).Select(c => (c.Env, c.EnvFrom)));

    private static void Add(SortedSet<string> names, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            names.Add(name);
        }
    }
}
