using System.Reflection;

namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>
/// Writes the status subresource of one kind of workload (upstream's <c>UpdateStatus</c>): always on a copy of the
/// cached object, which is never changed, with its apiVersion and kind set.
/// </summary>
/// <param name="replace">The kind's replace-status call, given the copy to write.</param>
internal sealed class StatusWriter<T, TStatus>(Func<T, CancellationToken, Task<T>> replace)
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TStatus : class, new()
{
    // Every workload model has a Status property, but no interface of the models exposes it.
    private static readonly PropertyInfo StatusProperty = typeof(T).GetProperty("Status") is { } property && property.PropertyType == typeof(TStatus)
        ? property
        : throw new InvalidOperationException($"{typeof(T).Name} has no Status of type {typeof(TStatus).Name}");

    /// <summary>Replaces the status of <paramref name="owner"/> with <paramref name="newStatus"/>; returns the object written.</summary>
    public Task<T> WriteAsync(T owner, TStatus newStatus, CancellationToken ct)
    {
        var copy = ObjectCopy.Deep(owner);
        (copy.ApiVersion, copy.Kind) = ObjectReferences.TypeMetaOf(owner);
        StatusProperty.SetValue(copy, newStatus);
        return replace(copy, ct);
    }

    /// <summary>Writes <paramref name="newStatus"/> unless it serializes as the current status does.</summary>
    public async Task WriteIfChangedAsync(T owner, TStatus newStatus, CancellationToken ct)
    {
        if (Status(owner) is not { } old || KubernetesJson.Serialize(old) != KubernetesJson.Serialize(newStatus))
        {
            await WriteAsync(owner, newStatus, ct);
        }
    }

    /// <summary>Writes the current status (an empty one when there is none) as <paramref name="change"/> leaves it.</summary>
    public Task<T> ChangeAsync(T owner, Action<TStatus> change, CancellationToken ct)
    {
        var changed = Status(owner) is { } current ? ObjectCopy.Deep(current) : new TStatus();
        change(changed);
        return WriteAsync(owner, changed, ct);
    }

    private static TStatus? Status(T owner) => (TStatus?)StatusProperty.GetValue(owner);
}
