using System.Collections.Concurrent;
using k8s.Models;
using Orchestrator.Scheduler.Plugins.VolumeBinding;

namespace Orchestrator.Scheduler.Tests.Plugins.VolumeBinding;

/// <summary>Claims, volumes and classes in memory; writes land at once and are recorded.</summary>
internal sealed class FakeVolumeSource : IVolumeBindingSource
{
    private readonly ConcurrentDictionary<string, V1PersistentVolumeClaim> _claims = new();
    private readonly ConcurrentDictionary<string, V1PersistentVolume> _volumes = new();
    private readonly ConcurrentDictionary<string, V1StorageClass> _classes = new();
    private readonly ConcurrentQueue<V1PersistentVolumeClaim> _lagging = new();
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Writes { get; } = new();

    public Task NextChange => Volatile.Read(ref _change).Task;

    public FakeVolumeSource Add(V1PersistentVolumeClaim claim)
    {
        _claims[claim.Metadata.NamespaceProperty + "/" + claim.Metadata.Name] = claim;
        Changed();
        return this;
    }

    public FakeVolumeSource Add(V1PersistentVolume volume)
    {
        _volumes[volume.Metadata.Name] = volume;
        Changed();
        return this;
    }

    public FakeVolumeSource Add(V1StorageClass storageClass)
    {
        _classes[storageClass.Metadata.Name] = storageClass;
        return this;
    }

    public V1PersistentVolumeClaim? GetClaim(string @namespace, string name) => _claims.GetValueOrDefault(@namespace + "/" + name);

    public V1PersistentVolume? GetVolume(string name) => _volumes.GetValueOrDefault(name);

    public IReadOnlyList<V1PersistentVolume> ListVolumes() => [.. _volumes.Values];

    public V1StorageClass? GetClass(string name) => _classes.GetValueOrDefault(name);

    public Task UpdateVolumeAsync(V1PersistentVolume volume, CancellationToken ct)
    {
        Writes.Enqueue($"pv/{volume.Metadata.Name} claimRef={volume.Spec.ClaimRef?.NamespaceProperty}/{volume.Spec.ClaimRef?.Name}");
        Add(volume);
        return Task.CompletedTask;
    }

    /// <summary>Claim writes reach the reads only at <see cref="CatchUp"/>, as an informer lags the API server's answer.</summary>
    public bool LagClaimWrites { get; init; }

    public Task<V1PersistentVolumeClaim> UpdateClaimAsync(V1PersistentVolumeClaim claim, CancellationToken ct)
    {
        Writes.Enqueue($"pvc/{claim.Metadata.Name} selected-node={(claim.Metadata.Annotations is { } a && a.TryGetValue("volume.kubernetes.io/selected-node", out var n) ? n : null)}");
        var written = k8s.KubernetesJson.Deserialize<V1PersistentVolumeClaim>(k8s.KubernetesJson.Serialize(claim));
        var version = long.Parse(claim.Metadata.ResourceVersion ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1;
        written.Metadata.ResourceVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (LagClaimWrites)
        {
            _lagging.Enqueue(written);
        }
        else
        {
            Add(written);
        }

        return Task.FromResult(written);
    }

    /// <summary>The informer catches up with the claim writes so far.</summary>
    public void CatchUp()
    {
        while (_lagging.TryDequeue(out var claim))
        {
            Add(claim);
        }
    }

    /// <summary>What the binder does once the claim is matched: both sides point at each other, the claim completed.</summary>
    public void CompleteBinding(string claimName, string volumeName)
    {
        // Copies replace the objects, as an informer's cache does: readers never see one half-changed.
        var claim = k8s.KubernetesJson.Deserialize<V1PersistentVolumeClaim>(k8s.KubernetesJson.Serialize(GetClaim("default", claimName)!));
        var volume = k8s.KubernetesJson.Deserialize<V1PersistentVolume>(k8s.KubernetesJson.Serialize(GetVolume(volumeName)!));
        volume.Spec.ClaimRef = new V1ObjectReference { NamespaceProperty = "default", Name = claimName, Uid = claim.Metadata.Uid };
        claim.Spec.VolumeName = volumeName;
        claim.Metadata.Annotations ??= new Dictionary<string, string>();
        claim.Metadata.Annotations["pv.kubernetes.io/bind-completed"] = "yes";
        Add(volume);
        Add(claim);
    }

    private void Changed() =>
        Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
