using System.Collections;

namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>A read-only list handed to CEL that charges <see cref="CelCost"/> for every element it yields.</summary>
internal sealed class CountingList(List<object?> items, CelCost cost) : IList<object?>, IList
{
    public int Count => items.Count;

    public bool IsReadOnly => true;

    public bool IsFixedSize => true;

    public bool IsSynchronized => false;

    public object SyncRoot => this;

    public object? this[int index]
    {
        get
        {
            cost.Charge(1);
            return items[index];
        }

        set => throw new NotSupportedException();
    }

    public IEnumerator<object?> GetEnumerator()
    {
        foreach (var item in items)
        {
            cost.Charge(1);
            yield return item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Contains(object? item)
    {
        cost.Charge(items.Count);
        return items.Contains(item);
    }

    public int IndexOf(object? item)
    {
        cost.Charge(items.Count);
        return items.IndexOf(item);
    }

    public void CopyTo(object?[] array, int arrayIndex)
    {
        cost.Charge(items.Count);
        items.CopyTo(array, arrayIndex);
    }

    public void CopyTo(Array array, int index)
    {
        cost.Charge(items.Count);
        ((ICollection)items).CopyTo(array, index);
    }

    public void Add(object? item) => throw new NotSupportedException();

    int IList.Add(object? value) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public void Insert(int index, object? item) => throw new NotSupportedException();

    public void Remove(object? value) => throw new NotSupportedException();

    bool ICollection<object?>.Remove(object? item) => throw new NotSupportedException();

    public void RemoveAt(int index) => throw new NotSupportedException();
}
