namespace Orchestrator.ControllerManager.Controllers.Namespace;

/// <summary>
/// Deletes every namespaced object of a terminating namespace, kind by kind (a delete-collection,
/// or one delete per item where that verb is not served), then lists what is left.
/// </summary>
internal sealed class NamespaceContentDeleter(IKubernetes client, IReadOnlyList<KindOperations> kinds)
{
    private static readonly V1DeleteOptions Background = new() { PropagationPolicy = "Background" };

    public async Task<IReadOnlyList<KindDeletionResult>> DeleteAllAsync(string ns, DateTime deletedAt, DateTime now, CancellationToken ct)
    {
        var results = new List<KindDeletionResult>(kinds.Count);
        foreach (var kind in kinds)
        {
            try
            {
                results.Add(await DeleteKindAsync(kind, ns, deletedAt, now, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results.Add(KindDeletionResult.Failed(kind.GroupResource, $"failed to delete {kind.GroupResource} in namespace {ns}: {e.Message}"));
            }
        }

        return results;
    }

    private async Task<KindDeletionResult> DeleteKindAsync(KindOperations kind, string ns, DateTime deletedAt, DateTime now, CancellationToken ct)
    {
        long estimate = 0;
        if (kind is { Group: "", Plural: "pods" })
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct);
            estimate = NamespaceDeletionPlanner.EstimatePods(pods.Items, deletedAt, now);
        }

        var deleted = false;
        if (kind.DeleteCollection is { } deleteCollection)
        {
            try
            {
                await deleteCollection(client, ns, Background, ct);
                deleted = true;
            }
            catch (Exception e) when (ApiFailures.IsNotSupported(e))
            {
                // Fall back to deleting item by item, as upstream does.
            }
        }

        if (!deleted)
        {
            foreach (var item in await kind.List(client, ns, ct))
            {
                try
                {
                    await kind.Delete(client, ns, item.Name, Background, ct);
                }
                catch (Exception e) when (ApiFailures.IsNotFound(e))
                {
                    // Already gone.
                }
            }
        }

        var remaining = await kind.List(client, ns, ct);
        return NamespaceDeletionPlanner.Remaining(ns, kind.GroupResource, remaining, estimate);
    }
}
