namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Where the kubelet reads the configMaps and secrets that volumes and environment variables
/// reference: only those of pods registered here (upstream's secret and configMap managers).
/// Thread-safe; returned objects are shared with a cache: never mutate them.
/// </summary>
internal interface IVolumeSources
{
    /// <summary>
    /// Registers (again) the secrets and configMaps the pod references, keeping them fresh until
    /// <see cref="UnregisterPod"/>; references the pod no longer makes are dropped. Call at the start
    /// of every sync of the pod, before reading. Completes when every referenced object's first state
    /// is known, or after a short bound (then a read of it throws <see cref="VolumeSetupException"/>).
    /// </summary>
    Task RegisterPodAsync(V1Pod pod, CancellationToken ct);

    /// <summary>Drops every reference of the pod (it was killed for good or removed). Idempotent.</summary>
    void UnregisterPod(string podUid);

    /// <summary>The configMap, or null when it does not exist.</summary>
    /// <exception cref="VolumeSetupException">No registered pod references it, or its state is not known yet.</exception>
    V1ConfigMap? GetConfigMap(string ns, string name);

    /// <summary>The secret, or null when it does not exist.</summary>
    /// <exception cref="VolumeSetupException">No registered pod references it, or its state is not known yet.</exception>
    V1Secret? GetSecret(string ns, string name);
}
