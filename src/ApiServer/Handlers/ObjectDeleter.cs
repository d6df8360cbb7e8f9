namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Deletes one object through <see cref="GuaranteedUpdate"/>: preconditions, propagation policy
/// recorded as finalizers for the garbage collector, graceful deletion, and finalizers that keep
/// an object (marked for deletion) until they are cleared; the kind's strategy says how long a graceful
/// delete waits, which finalizers of its own keep the object and what it gives back once deleted. Used by DELETE, deletecollection and pods/eviction.
/// The admission plugins that take part in deletes see the object as stored before anything is written.
/// </summary>
internal sealed class ObjectDeleter(IStore store, ServiceAllocator allocator, TimeProvider time, AdmissionChain admission)
{
    /// <summary>The deleted object, or the object marked for deletion when something keeps it for now.</summary>
    public async Task<JsonObject> DeleteAsync(ResourceRequest request, DeleteOptions options, CancellationToken cancellationToken)
    {
        var resource = request.Resource.Storage;
        var preconditions = new Preconditions(options.PreconditionUid, options.PreconditionResourceVersion);
        var result = await GuaranteedUpdate.RunAsync(store, resource, request.Namespace, request.Name!, preconditions, options.DryRun, current =>
        {
            Responses.WithTypeMeta(resource, current);
            var attributes = new AdmissionAttributes(AdmissionOperation.Delete, resource, null, request.Namespace, request.Name!, current, current, options.DryRun);
            admission.Admit(attributes);
            admission.Validate(attributes);

            // Finalizers or a grace period keep the object: record the deletion and let its owners finish.
            return MarkForDeletion(resource, options, current) is { } marked ? UpdateDecision.Write(marked) : UpdateDecision.DeleteAnswering(current);
        }, cancellationToken);

        if (result.Deleted)
        {
            await resource.Strategy.AfterDeleteAsync(result.Object, allocator, CancellationToken.None);
        }

        return Responses.WithTypeMeta(resource, result.Object);
    }

    /// <summary>now + <paramref name="graceSeconds"/> as an RFC 3339 timestamp, saturating at 9999-12-31T23:59:59Z.</summary>
    internal static string DeletionDeadline(DateTimeOffset now, long graceSeconds)
    {
        var room = (long)(DateTimeOffset.MaxValue - now).TotalSeconds;
        var deadline = graceSeconds >= room ? DateTimeOffset.MaxValue : now.AddSeconds(graceSeconds);
        return deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The object with its deletion recorded when it must stay for now; null when it can go at once.</summary>
    private JsonObject? MarkForDeletion(ResourceDefinition resource, DeleteOptions options, JsonObject current)
    {
        var marked = current.DeepClone().AsObject();
        var metadata = StoredObject.Metadata(marked);
        var finalizers = ObjectMeta.Finalizers(marked).ToList();
        switch (options.PropagationPolicy)
        {
            case "Foreground" when !finalizers.Contains("foregroundDeletion"):
                finalizers.Add("foregroundDeletion");
                break;
            case "Orphan" when !finalizers.Contains("orphan"):
                finalizers.Add("orphan");
                break;
        }

        var strategy = resource.Strategy;
        var grace = strategy.GracePeriodSeconds(marked, options.GracePeriodSeconds);
        if (finalizers.Count == 0 && grace is null or 0 && !strategy.HasOwnFinalizers(marked))
        {
            return null;
        }

        if (finalizers.Count > 0)
        {
            metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
        }

        var shortens = grace is { } shorter && metadata["deletionGracePeriodSeconds"] is JsonValue recorded
            && recorded.TryGetValue<long>(out var before) && shorter < before;
        if (metadata["deletionTimestamp"] is null || shortens)
        {
            // A second delete may only shorten the grace period (upstream's BeforeDelete). The
            // deadline saturates at the latest time a timestamp can say: a grace period near
            // int64 max is accepted, as upstream accepts it, instead of overflowing.
            metadata["deletionTimestamp"] = DeletionDeadline(time.GetUtcNow(), grace ?? 0);
            metadata["deletionGracePeriodSeconds"] = grace ?? 0;
            strategy.PrepareForDelete(marked);
        }

        return marked;
    }
}
