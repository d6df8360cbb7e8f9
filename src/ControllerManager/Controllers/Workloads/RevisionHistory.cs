namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>
/// Keeps an owner's ControllerRevisions (upstream history.Interface use in the DaemonSet and
/// StatefulSet controllers): finds or creates the revision of the current template, and trims
/// unused revisions beyond revisionHistoryLimit.
/// </summary>
internal static class RevisionHistory
{
    private const int DefaultLimit = 10;

    /// <summary>
    /// The revision recording <paramref name="template"/>: an existing one with the same data (moved
    /// to the newest revision number if it was older) or a new one. When a different revision already
    /// has the hashed name, calls <paramref name="bumpCollisionCount"/> (the owner's status.collisionCount
    /// goes up by one, so the next pass hashes to another name) and throws <see cref="HashCollisionException"/>
    /// for the key to be retried.
    /// </summary>
    public static async Task<V1ControllerRevision> EnsureAsync(
        IKubernetes client, IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind, V1PodTemplateSpec template,
        int? collisionCount, IReadOnlyList<V1ControllerRevision> revisions, Func<Task> bumpCollisionCount, CancellationToken ct)
    {
        try
        {
            return await FindOrCreateAsync(client, owner, apiVersion, kind, template, collisionCount, revisions, ct);
        }
        catch (HashCollisionException)
        {
            await bumpCollisionCount();
            throw;
        }
    }

    private static async Task<V1ControllerRevision> FindOrCreateAsync(
        IKubernetes client, IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind, V1PodTemplateSpec template,
        int? collisionCount, IReadOnlyList<V1ControllerRevision> revisions, CancellationToken ct)
    {
        var data = Revisions.Data(template);
        var next = revisions.Count == 0 ? 1 : revisions.Max(r => r.Revision ?? 0) + 1;
        var equal = revisions.Where(r => Revisions.SameData(r, data)).OrderByDescending(r => r.Revision).FirstOrDefault();
        if (equal is not null)
        {
            if (equal.Revision == next - 1)
            {
                return equal;
            }

            // Rolling back to an older template makes its revision the newest again.
            var patch = new V1Patch($$"""{"revision":{{next}}}""", V1Patch.PatchType.MergePatch);
            return await client.AppsV1.PatchNamespacedControllerRevisionAsync(patch, equal.Metadata.Name, equal.Metadata.NamespaceProperty, cancellationToken: ct);
        }

        var hash = Revisions.Hash(template, collisionCount);
        var fresh = Revisions.New(owner, apiVersion, kind, template, hash, next);
        try
        {
            return await client.AppsV1.CreateNamespacedControllerRevisionAsync(fresh, owner.Metadata.NamespaceProperty, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await client.AppsV1.ReadNamespacedControllerRevisionAsync(fresh.Metadata.Name, owner.Metadata.NamespaceProperty, cancellationToken: ct);
            if (OwnerReferences.IsControlledBy(existing.Metadata, owner.Metadata) && Revisions.SameData(existing, data))
            {
                return existing;
            }

            throw new HashCollisionException(fresh.Metadata.Name);
        }
    }

    /// <summary>
    /// Deletes the oldest revisions not named in <paramref name="live"/> until at most <paramref name="limit"/>
    /// (spec.revisionHistoryLimit; upstream's default 10 when unset) unused ones remain.
    /// </summary>
    public static async Task TruncateAsync(
        IKubernetes client, IReadOnlyList<V1ControllerRevision> revisions, IReadOnlySet<string> live, int? limit, CancellationToken ct)
    {
        var keep = limit ?? DefaultLimit;
        var unused = revisions.Where(r => !live.Contains(r.Metadata.Name)).OrderBy(r => r.Revision).ToList();
        foreach (var revision in unused.Take(Math.Max(unused.Count - keep, 0)))
        {
            try
            {
                await client.AppsV1.DeleteNamespacedControllerRevisionAsync(revision.Metadata.Name, revision.Metadata.NamespaceProperty, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }
    }
}
