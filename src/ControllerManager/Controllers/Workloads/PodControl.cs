namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>
/// Pod writes on behalf of an owner that raised an expectation for them (upstream's RealPodControl
/// and the bookkeeping around it): each write records upstream's event, and a write that fails, or a
/// delete of a pod already gone, lowers the expectation again since no watch event will. Failures are
/// returned, not thrown, so the caller can finish its other writes first; cancellation is thrown.
/// </summary>
internal sealed class PodControl(ControllerContext context, Expectations<NamespacedName> expectations)
{
    /// <summary>Creates <paramref name="pod"/> in the owner's namespace; null when it was created.</summary>
    public async Task<Exception?> CreateAsync(NamespacedName key, IKubernetesObject<V1ObjectMeta> owner, V1Pod pod, CancellationToken ct)
    {
        try
        {
            var created = await context.Client.CoreV1.CreateNamespacedPodAsync(pod, owner.Metadata.NamespaceProperty, cancellationToken: ct);
            context.Events.Record(owner, "Normal", "SuccessfulCreate", "Created pod: " + created.Metadata.Name);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            expectations.CreationObserved(key);
            context.Events.Record(owner, "Warning", "FailedCreate", $"Error creating: {e.Message}");
            return e;
        }
    }

    /// <summary>
    /// Deletes <paramref name="pod"/>, after <paramref name="beforeDelete"/> when given (its failure counts
    /// as the delete's); null when it was deleted or was already gone.
    /// </summary>
    public async Task<Exception?> DeleteAsync(NamespacedName key, IKubernetesObject<V1ObjectMeta> owner, V1Pod pod, CancellationToken ct, Func<Task>? beforeDelete = null)
    {
        try
        {
            if (beforeDelete is not null)
            {
                await beforeDelete();
            }

            await context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
            context.Events.Record(owner, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.Metadata.Name);
            return null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            expectations.DeletionObserved(key);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            expectations.DeletionObserved(key);
            context.Events.Record(owner, "Warning", "FailedDelete", $"Error deleting: {e.Message}");
            return e;
        }
    }
}
