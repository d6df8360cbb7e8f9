namespace Orchestrator.ApiServer.Storage;

/// <summary>
/// The one read-modify-write of the API server (upstream's storage.Interface.GuaranteedUpdate),
/// on top of <see cref="StoreExtensions.GuaranteedUpdateAsync"/>: reads the object, checks the
/// preconditions, asks <c>tryUpdate</c> what to do with it and writes that conditioned on the
/// revision read. On a conflict everything runs again on the newer object, so a caller that pins
/// a resourceVersion checks it inside <c>tryUpdate</c> and gets its 409 on the next pass instead
/// of a lost update. An object that encodes to the stored bytes is not written.
/// </summary>
internal static class GuaranteedUpdate
{
    /// <param name="tryUpdate">
    /// Given a freshly decoded current object (its own copy: it may change it), returns the object
    /// to write or to delete with, or throws an <see cref="ApiException"/>. May run several times.
    /// </param>
    /// <param name="dryRun">Decides on the current object once and writes nothing.</param>
    /// <returns>
    /// The written object (the current one when nothing changed); after a delete, the decision's
    /// object with the delete's revision; in a dry run, the decision's object at the current revision.
    /// </returns>
    public static async Task<UpdateResult> RunAsync(
        IStore store,
        ResourceDefinition resource,
        string? ns,
        string name,
        Preconditions? preconditions,
        bool dryRun,
        Func<JsonObject, UpdateDecision> tryUpdate,
        CancellationToken cancellationToken)
    {
        var key = ObjectKeys.Item(resource, ns, name);
        UpdateDecision Decide(KeyValue current)
        {
            var obj = StoredObject.Decode(current);
            preconditions?.Check(resource, name, obj);
            return tryUpdate(obj);
        }

        if (dryRun)
        {
            var current = await store.GetAsync(key, cancellationToken) ?? throw ApiErrors.NotFound(resource, name);
            var dry = Decide(current).Object;
            Objects.ObjectMeta.Set(dry, "resourceVersion", Revision(current.ModRevision));
            return new UpdateResult(dry, Deleted: false);
        }

        UpdateDecision decision = default;
        KeyValue written;
        try
        {
            written = await store.GuaranteedUpdateAsync(key, current =>
            {
                decision = Decide(current);
                return decision.Delete ? null : StoredObject.Encode(decision.Object);
            }, cancellationToken);
        }
        catch (StoreKeyNotFoundException)
        {
            throw ApiErrors.NotFound(resource, name);
        }

        if (decision.Delete)
        {
            Objects.ObjectMeta.Set(decision.Object, "resourceVersion", Revision(written.ModRevision));
            return new UpdateResult(decision.Object, Deleted: true);
        }

        return new UpdateResult(StoredObject.Decode(written), Deleted: false);
    }

    private static string Revision(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
