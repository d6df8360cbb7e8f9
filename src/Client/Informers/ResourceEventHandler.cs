namespace Orchestrator.Client;

/// <summary>An <see cref="IResourceEventHandler{T}"/> made of delegates; missing ones do nothing.</summary>
public sealed class ResourceEventHandler<T>(Action<T>? onAdd = null, Action<T, T>? onUpdate = null, Action<T>? onDelete = null) : IResourceEventHandler<T>
{
    /// <summary>A handler calling <paramref name="action"/> with the object of every add, update (the new object) and delete.</summary>
    public static ResourceEventHandler<T> ForEach(Action<T> action) => new(action, (_, obj) => action(obj), action);

    public void OnAdd(T obj) => onAdd?.Invoke(obj);

    public void OnUpdate(T oldObj, T newObj) => onUpdate?.Invoke(oldObj, newObj);

    public void OnDelete(T obj) => onDelete?.Invoke(obj);
}
