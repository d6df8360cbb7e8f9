using Orchestrator.Client.Errors;

namespace Orchestrator.Kubelet.Volumes;

/// <summary><see cref="IPersistentVolumes"/> through the REST API with the kubelet's client.</summary>
internal sealed class ApiPersistentVolumes(IKubernetes client) : IPersistentVolumes
{
    public async Task<V1PersistentVolumeClaim?> GetClaimAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<V1PersistentVolume?> GetVolumeAsync(string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadPersistentVolumeAsync(name, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return null;
        }
    }
}
