namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Writes a changed object over the stored one through <see cref="GuaranteedUpdate"/>: update
/// admission, managed fields, and deletion once the last finalizer of an object being deleted is
/// gone. Used by PUT, PATCH and the subresources that change their parent (scale, binding, finalize).
/// </summary>
internal sealed class ObjectUpdater(IStore store, ServiceAllocator allocator, Registry.RegistryRules rules, TimeProvider time)
{
    /// <summary>
    /// Updates the object <paramref name="request"/> names to what <paramref name="change"/> makes
    /// of the current one (it gets its own copy and may run again on a newer object after a conflict).
    /// A status request (<c>request.Subresource</c> "status") changes status only. <paramref name="change"/> gets and
    /// returns the storage version of <c>request.Resource</c> (<see cref="Registry.ResourceDefinition.Storage"/>), as the answer is.
    /// </summary>
    public async Task<JsonObject> UpdateAsync(ResourceRequest request, FieldOwner owner, bool dryRun, Func<JsonObject, JsonObject> change, CancellationToken cancellationToken)
    {
        var resource = request.Resource.Storage;
        var result = await GuaranteedUpdate.RunAsync(store, resource, request.Namespace, request.Name!, null, dryRun, current =>
        {
            var updated = change(current.DeepClone().AsObject());
            return Prepare(request, current, updated, owner, dryRun);
        }, cancellationToken);

        if (result.Deleted)
        {
            await resource.Strategy.AfterDeleteAsync(result.Object, allocator, CancellationToken.None);
        }

        return Responses.WithTypeMeta(resource, result.Object);
    }

    /// <summary>
    /// A resourceVersion the client sent pins the write to that version: 409 when the object has
    /// moved on. Checked on every attempt, so a conflict is answered, never retried into a lost update.
    /// </summary>
    public static void RequireResourceVersion(ResourceRequest request, string? pinned, JsonObject current)
    {
        if (pinned is { Length: > 0 } && pinned != ObjectMeta.ResourceVersion(current))
        {
            throw ApiErrors.Conflict(request.Resource, request.Name!);
        }
    }

    /// <summary>Records managed fields for <paramref name="owner"/> (apply has recorded them already) and decides between writing and deleting.</summary>
    private UpdateDecision Prepare(ResourceRequest request, JsonObject current, JsonObject updated, FieldOwner owner, bool dryRun)
    {
        var resource = request.Resource.Storage;
        var applied = owner.Operation == ManagedFieldsEntry.Apply ? updated["metadata"]?["managedFields"]?.DeepClone() : null;
        rules.PrepareUpdate(resource, current, updated, request.Subresource, dryRun);
        if (owner.Operation == ManagedFieldsEntry.Update)
        {
            var served = request.Resource;
            ObjectVersions.RecordFields(served, updated, view => FieldManager.RecordUpdate(served, ObjectVersions.ToServed(served, current), view, owner, ObjectMeta.Now(time)));
        }
        else if (applied is null)
        {
            // A status apply keeps only status of the merged object: its managed fields are carried over explicitly.
            StoredObject.Metadata(updated).Remove("managedFields");
        }
        else
        {
            ObjectMeta.Set(updated, "managedFields", applied);
        }

        Responses.WithTypeMeta(resource, updated);

        // The last finalizer of an object being deleted is gone: the object goes (upstream's store does the same).
        return FinishesDeletion(resource, updated) ? UpdateDecision.DeleteAnswering(updated) : UpdateDecision.Write(updated);
    }

    /// <summary>
    /// An object marked for deletion with no finalizers left and no grace period still running
    /// (graceful pods wait for the kubelet's final delete) is deleted instead of updated.
    /// </summary>
    private static bool FinishesDeletion(Registry.ResourceDefinition resource, JsonObject updated)
    {
        if (!ObjectMeta.IsDeleting(updated) || ObjectMeta.Finalizers(updated).Count > 0 || resource.Strategy.HasOwnFinalizers(updated))
        {
            return false;
        }

        return updated["metadata"]?["deletionGracePeriodSeconds"] is not JsonValue grace || !grace.TryGetValue<long>(out var seconds) || seconds == 0;
    }
}
