namespace Orchestrator.Kubelet.Volumes.Sources;

/// <summary>
/// The secrets and configMaps of its own namespace a pod makes this kubelet read (upstream's
/// VisitPodSecretNames and VisitPodConfigmapNames, limited to what this kubelet reads): configMap,
/// secret and projected volumes, and env / envFrom of every container (init, regular, ephemeral).
/// imagePullSecrets are left out: this kubelet pulls without credentials and never reads them.
/// </summary>
internal static class PodSourceNames
{
    public static IReadOnlySet<string> Secrets(V1Pod pod) =>
        Names(pod, v => v.Secret?.SecretName, p => p.Secret?.Name, e => e.ValueFrom?.SecretKeyRef?.Name, f => f.SecretRef?.Name);

    public static IReadOnlySet<string> ConfigMaps(V1Pod pod) =>
        Names(pod, v => v.ConfigMap?.Name, p => p.ConfigMap?.Name, e => e.ValueFrom?.ConfigMapKeyRef?.Name, f => f.ConfigMapRef?.Name);

    private static SortedSet<string> Names(
        V1Pod pod,
        Func<V1Volume, string?> volumeName,
        Func<V1VolumeProjection, string?> projectionName,
        Func<V1EnvVar, string?> envName,
        Func<V1EnvFromSource, string?> envFromName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var volumes = pod.Spec?.Volumes ?? [];
        var names = volumes.Select(volumeName)
            .Concat(volumes.SelectMany(v => v.Projected?.Sources ?? []).Select(projectionName))
            .Concat(Environments(pod).SelectMany(c => (c.Env ?? []).Select(envName).Concat((c.EnvFrom ?? []).Select(envFromName))));
        return new SortedSet<string>(names.Where(n => !string.IsNullOrEmpty(n)).Select(n => n!), StringComparer.Ordinal);
    }

    /// <summary>env and envFrom of every container; either may be null (absent from the JSON).</summary>
    private static IEnumerable<(IList<V1EnvVar> Env, IList<V1EnvFromSource> EnvFrom)> Environments(V1Pod pod) =>
        (pod.Spec?.InitContainers ?? []).Select(c => (c.Env, c.EnvFrom))
            .Concat((pod.Spec?.Containers ?? []).Select(c => (c.Env, c.EnvFrom)))
            .Concat((pod.Spec?.EphemeralContainers ?? []).Select(c => (c.Env, c.EnvFrom)));
}
