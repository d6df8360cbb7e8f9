namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Where the kubelet reads the claims its pods' persistentVolumeClaim volumes name and the volumes bound to
/// them: a fresh read each time, as upstream's desired-state populator does (the Node authorizer lets a node
/// get exactly the claims and volumes of its own pods). Thread-safe.
/// </summary>
internal interface IPersistentVolumes
{
    /// <summary>The claim, or null when it does not exist.</summary>
    /// <exception cref="k8s.Autorest.HttpOperationException">The API server answered with another error.</exception>
    Task<V1PersistentVolumeClaim?> GetClaimAsync(string ns, string name, CancellationToken ct);

    /// <summary>The PersistentVolume, or null when it does not exist.</summary>
    /// <exception cref="k8s.Autorest.HttpOperationException">The API server answered with another error.</exception>
    Task<V1PersistentVolume?> GetVolumeAsync(string name, CancellationToken ct);
}
