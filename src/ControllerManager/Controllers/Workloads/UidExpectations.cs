namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>
/// Per key, the pod UIDs whose change (finalizer removal, deletion) was issued but not yet seen by
/// the informer (upstream uidTrackingExpectations). Thread-safe.
/// </summary>
internal sealed class UidExpectations<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, HashSet<string>> _pending = [];
    private readonly Lock _lock = new();

    public void Expect(TKey key, IEnumerable<string> uids)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(key, out var set))
            {
                _pending[key] = set = [];
            }

            set.UnionWith(uids);
        }
    }

    public void Observed(TKey key, string uid)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(key, out var set) && set.Remove(uid) && set.Count == 0)
            {
                _pending.Remove(key);
            }
        }
    }

    public IReadOnlySet<string> Pending(TKey key)
    {
        lock (_lock)
        {
            return _pending.TryGetValue(key, out var set) ? new HashSet<string>(set) : new HashSet<string>();
        }
    }

    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _pending.Remove(key);
        }
    }
}
