using System.Collections.Concurrent;
using k8s.Models;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

/// <summary>Claims and volumes as the API server would answer them, settable by the test.</summary>
internal sealed class FakePersistentVolumes : IPersistentVolumes
{
    private readonly ConcurrentDictionary<string, V1PersistentVolumeClaim> _claims = new();
    private readonly ConcurrentDictionary<string, V1PersistentVolume> _volumes = new();

    public Task<V1PersistentVolumeClaim?> GetClaimAsync(string ns, string name, CancellationToken ct) =>
        Task.FromResult(_claims.GetValueOrDefault($"{ns}/{name}"));

    public Task<V1PersistentVolume?> GetVolumeAsync(string name, CancellationToken ct) => Task.FromResult(_volumes.GetValueOrDefault(name));

    /// <summary>A claim ns/<paramref name="name"/> with uid <paramref name="uid"/>, Bound to <paramref name="volumeName"/> or Pending when null.</summary>
    public V1PersistentVolumeClaim Claim(string name, string uid, string? volumeName)
    {
        var claim = new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", Uid = uid },
            Spec = new V1PersistentVolumeClaimSpec { VolumeName = volumeName },
            Status = new V1PersistentVolumeClaimStatus { Phase = volumeName is null ? "Pending" : "Bound" },
        };
        _claims[$"ns/{name}"] = claim;
        return claim;
    }

    /// <summary>A volume bound to the claim with <paramref name="claimUid"/>, of <paramref name="source"/>'s kind.</summary>
    public V1PersistentVolume Volume(string name, string claimUid, V1PersistentVolumeSpec source, bool provisioned = false)
    {
        source.ClaimRef = new V1ObjectReference { Kind = "PersistentVolumeClaim", NamespaceProperty = "ns", Uid = claimUid };
        var volume = new V1PersistentVolume
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = provisioned ? new Dictionary<string, string> { ["pv.kubernetes.io/provisioned-by"] = "orchestrator.dev/local-path" } : null,
            },
            Spec = source,
        };
        _volumes[name] = volume;
        return volume;
    }
}
