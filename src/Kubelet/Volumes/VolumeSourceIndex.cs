using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Which set-up pods project which configMaps and secrets, so that a change to one resyncs exactly
/// the pods that show it. Thread-safe. Pods are indexed when set up (even when set-up failed, so
/// that creating a missing configMap resyncs them) and removed when torn down.
/// </summary>
internal sealed class VolumeSourceIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (NamespacedName Pod, VolumeSourceRef[] Refs)> _byPod = new(StringComparer.Ordinal);
    private readonly Dictionary<VolumeSourceRef, HashSet<string>> _byRef = [];

    /// <summary>The configMaps and secrets the pod's volumes project (configMap, secret and projected sources).</summary>
    public static IReadOnlyList<VolumeSourceRef> RefsOf(V1Pod pod)
    {
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var refs = new List<VolumeSourceRef>();
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            if (volume.ConfigMap is { } cm)
            {
                refs.Add(new(VolumeSourceKind.ConfigMap, ns, cm.Name));
            }

            if (volume.Secret is { } s)
            {
                refs.Add(new(VolumeSourceKind.Secret, ns, s.SecretName));
            }

            foreach (var source in volume.Projected?.Sources ?? [])
            {
                if (source.ConfigMap is { } pcm)
                {
                    refs.Add(new(VolumeSourceKind.ConfigMap, ns, pcm.Name));
                }

                if (source.Secret is { } ps)
                {
                    refs.Add(new(VolumeSourceKind.Secret, ns, ps.Name));
                }
            }
        }

        return refs.Distinct().ToList();
    }

    public void Set(string uid, NamespacedName pod, IReadOnlyList<VolumeSourceRef> refs)
    {
        lock (_lock)
        {
            RemoveLocked(uid);
            _byPod[uid] = (pod, refs.ToArray());
            foreach (var r in refs)
            {
                if (!_byRef.TryGetValue(r, out var uids))
                {
                    _byRef[r] = uids = new HashSet<string>(StringComparer.Ordinal);
                }

                uids.Add(uid);
            }
        }
    }

    public void Remove(string uid)
    {
        lock (_lock)
        {
            RemoveLocked(uid);
        }
    }

    /// <summary>The set-up pods whose volumes project <paramref name="source"/>.</summary>
    public IReadOnlyList<VolumePodRef> PodsReferencing(VolumeSourceRef source)
    {
        lock (_lock)
        {
            return _byRef.TryGetValue(source, out var uids)
                ? uids.Select(uid => new VolumePodRef(uid, _byPod[uid].Pod)).ToList()
                : [];
        }
    }

    private void RemoveLocked(string uid)
    {
        if (!_byPod.Remove(uid, out var old))
        {
            return;
        }

        foreach (var r in old.Refs)
        {
            if (_byRef.TryGetValue(r, out var uids) && uids.Remove(uid) && uids.Count == 0)
            {
                _byRef.Remove(r);
            }
        }
    }
}
