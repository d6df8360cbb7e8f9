namespace Orchestrator.Scheduler.Cache;

public sealed partial class SchedulerCache
{
    /// <summary>
    /// Places the pod on the node in the cache right after the scheduling decision, before binding. Fails when the
    /// pod is already in the cache.
    /// </summary>
    public bool AssumePod(PodInfo pod, string nodeName)
    {
        lock (_lock)
        {
            if (_pods.ContainsKey(pod.Uid))
            {
                return false;
            }

            var cached = new CachedPod(pod, nodeName, assumed: true);
            _pods[pod.Uid] = cached;
            AddToNode(cached);
            return true;
        }
    }

    /// <summary>The bind call returned: the assumption now expires after the TTL unless the informer confirms it.</summary>
    public void FinishBinding(V1Pod pod)
    {
        lock (_lock)
        {
            if (_pods.TryGetValue(PodInfo.UidOf(pod), out var cached) && cached.Assumed)
            {
                cached.BindingFinished = true;
                cached.Deadline = time.GetUtcNow() + _ttl;
            }
        }
    }

    /// <summary>Binding failed: drops the assumption so the node's resources are free again.</summary>
    public void ForgetPod(V1Pod pod)
    {
        lock (_lock)
        {
            var uid = PodInfo.UidOf(pod);
            if (_pods.TryGetValue(uid, out var cached) && cached.Assumed)
            {
                _pods.Remove(uid);
                RemoveFromNode(cached);
            }
        }
    }

    /// <summary>Drops assumed pods whose binding finished but were never confirmed before their deadline.</summary>
    public IReadOnlyList<V1Pod> CleanupExpiredAssumedPods()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var expired = _pods.Values.Where(s => s.Assumed && s.BindingFinished && s.Deadline <= now).ToList();
            foreach (var cached in expired)
            {
                _pods.Remove(cached.PodInfo.Uid);
                RemoveFromNode(cached);
            }

            return [.. expired.Select(s => s.PodInfo.Pod)];
        }
    }

    /// <summary>Clones the nodes changed since <paramref name="since"/> from the change log; true when lists need a rebuild.</summary>
    private bool ApplyChanges(Snapshot snapshot, long since)
    {
        var first = _changes.FindLastIndex(c => c.Generation <= since) + 1;
        var rebuild = false;
        for (var i = first; i < _changes.Count; i++)
        {
            var (generation, node) = _changes[i];
            if (node.Generation != generation || !_nodes.TryGetValue(node.Name, out var current) || !ReferenceEquals(current, node))
            {
                continue; // a later entry (or a removal) covers this node
            }

            var clone = node.Clone();
            if (!snapshot.ReplaceInPlace(clone))
            {
                snapshot.ByName[node.Name] = clone;
                rebuild = true;
            }
        }

        return rebuild;
    }

    /// <summary>Brings <paramref name="snapshot"/> up to date, cloning only nodes changed since its last update.</summary>
    public void UpdateSnapshot(Snapshot snapshot)
    {
        lock (_lock)
        {
            var structureChanged = _structureChanged || snapshot.ByName.Count != _nodes.Count;
            var since = snapshot.Generation;
            var logCovers = _changes.Count > 0 ? since >= _changes[0].Generation - 1 : since == _generation;
            if (!structureChanged && logCovers)
            {
                structureChanged = ApplyChanges(snapshot, since);
            }
            else
            {
                foreach (var (name, node) in _nodes)
                {
                    if (node.Generation > since)
                    {
                        snapshot.ByName[name] = node.Clone();
                    }
                }

                structureChanged = true;
            }

            if (structureChanged)
            {
                foreach (var name in snapshot.ByName.Keys.Where(n => !_nodes.ContainsKey(n)).ToList())
                {
                    snapshot.ByName.Remove(name);
                }

                snapshot.RebuildLists();
                _structureChanged = false;
            }

            snapshot.Generation = _generation;
        }
    }
}
