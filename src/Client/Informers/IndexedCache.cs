namespace Orchestrator.Client;

/// <summary>
/// The thread-safe object map behind an informer, with the <see cref="Indexes"/> kept up to date on
/// every change. Writers are the informer only; readers are anyone.
/// </summary>
internal sealed class IndexedCache<T> : ICache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, T> _items = [];
    private readonly Dictionary<(string Index, string Value), HashSet<NamespacedName>> _index = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public T? Get(NamespacedName key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    public IReadOnlyList<T> ListNamespace(string ns) => ByIndex(Indexes.Namespace, ns);

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_index.TryGetValue((indexName, value), out var keys))
            {
                return [];
            }

            var result = new List<T>(keys.Count);
            foreach (var key in keys)
            {
                result.Add(_items[key]);
            }

            return result;
        }
    }

    /// <summary>Stores <paramref name="obj"/>; returns the object it replaced, if any.</summary>
    public T? Upsert(T obj)
    {
        var key = NamespacedName.Of(obj);
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null)
            {
                Unindex(key, old);
            }

            _items[key] = obj;
            foreach (var entry in Indexes.ValuesOf(obj))
            {
                if (!_index.TryGetValue(entry, out var keys))
                {
                    _index[entry] = keys = [];
                }

                keys.Add(key);
            }

            return old;
        }
    }

    /// <summary>Removes the object with <paramref name="key"/>; returns it, or null if it was not there.</summary>
    public T? Remove(NamespacedName key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            Unindex(key, old);
            return old;
        }
    }

    private void Unindex(NamespacedName key, T old)
    {
        foreach (var entry in Indexes.ValuesOf(old))
        {
            if (_index.TryGetValue(entry, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                _index.Remove(entry);
            }
        }
    }
}
