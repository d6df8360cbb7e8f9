namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>
/// Writes the status subresource of one kind of workload (upstream's <c>UpdateStatus</c>): always on a copy of the
/// cached object, which is never changed, with its apiVersion and kind set.
/// </summary>
/// <param name="status">Reads the kind's status (every workload model has a Status property, but no interface of the models exposes it).</param>
/// <param name="setStatus">Sets the kind's status on the copy to write.</param>
/// <param name="replace">The kind's replace-status call, given the copy to write.</param>
internal sealed class StatusWriter<T, TStatus>(Func<T, TStatus?> status, Action<T, TStatus> setStatus, Func<T, CancellationToken, Task<T>> replace)
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TStatus : class, new()
{
    /// <summary>Replaces the status of <paramref name="owner"/> with <paramref name="newStatus"/>; returns the object written.</summary>
    public Task<T> WriteAsync(T owner, TStatus newStatus, CancellationToken ct)
    {
        var copy = ObjectCopy.Deep(owner);
        (copy.ApiVersion, copy.Kind) = ObjectReferences.TypeMetaOf(owner);
        setStatus(copy, newStatus);
        return replace(copy, ct);
    }

    /// <summary>Writes <paramref name="newStatus"/> unless it serializes as the current status does.</summary>
    public async Task WriteIfChangedAsync(T owner, TStatus newStatus, CancellationToken ct)
    {
        if (status(owner) is not { } old || KubernetesJson.Serialize(old) != KubernetesJson.Serialize(newStatus))
        {
            await WriteAsync(owner, newStatus, ct);
        }
    }

    /// <summary>Writes the current status (an empty one when there is none) as <paramref name="change"/> leaves it.</summary>
    public Task<T> ChangeAsync(T owner, Action<TStatus> change, CancellationToken ct)
    {
        var changed = status(owner) is { } current ? ObjectCopy.Deep(current) : new TStatus();
        change(changed);
        return WriteAsync(owner, changed, ct);
    }
}
