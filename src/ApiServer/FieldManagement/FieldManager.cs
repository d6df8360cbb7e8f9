namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>
/// Server-side apply's field ownership (upstream's structured-merge-diff Updater), over
/// metadata.managedFields: every write records the fields it changed for its manager and takes
/// them from the others; an apply owns exactly the fields of its configuration, conflicts with
/// other owners of fields it would change (unless forced), and removes fields it applied before
/// but no longer sets when no one else owns them. Pure: the caller supplies the time.
/// </summary>
internal static class FieldManager
{
    /// <summary>
    /// Records a create: the creator owns every field of the new object. Its fieldsV1 are written
    /// straight from the object (<see cref="FieldsV1Writer"/>), through a <see cref="FieldSet"/> only
    /// when a merged list repeats a key.
    /// </summary>
    public static void RecordCreate(ResourceDefinition resource, JsonObject created, FieldOwner owner, string time)
    {
        var scope = Scope(resource, owner);
        JsonObject? fieldsV1 = null;
        using (var scratch = Serialization.JsonScratch.Rent())
        {
            if (FieldsV1Writer.TryWrite(scratch.Writer, created, resource.ModelType, scope))
            {
                fieldsV1 = JsonNode.Parse(scratch.Written, documentOptions: Serialization.JsonLimits.Document)!.AsObject();
            }
        }

        if (fieldsV1 is null)
        {
            var fields = ObjectFields.Of(created, resource.ModelType, scope);
            ManagedFieldsEntry.Write(created, [new(owner.Manager, owner.Operation, owner.Subresource, resource.ApiVersion, time, fields)]);
            return;
        }

        ManagedFieldsEntry.WriteOne(created, owner, resource.ApiVersion, time, fieldsV1);
    }

    /// <summary>
    /// Records a non-apply write: fields added or changed go to <paramref name="owner"/> (and are
    /// taken from everyone else), removed fields leave every owner. Managed fields the client sent
    /// replace the stored ones, as upstream allows; without them the stored ones carry over.
    /// </summary>
    public static void RecordUpdate(ResourceDefinition resource, JsonObject current, JsonObject updated, FieldOwner owner, string time)
    {
        var entries = updated["metadata"]?["managedFields"] is JsonArray ? ManagedFieldsEntry.Read(updated) : ManagedFieldsEntry.Read(current);
        var scope = Scope(resource, owner);
        var before = ObjectFields.Of(current, resource.ModelType, scope);
        var after = ObjectFields.Of(updated, resource.ModelType, scope);
        var changed = ObjectFields.Changed(after, current, beforeExists: true, updated);
        var removed = before.Difference(after);
        if (changed.IsEmpty && removed.IsEmpty)
        {
            ManagedFieldsEntry.Write(updated, entries);
            return;
        }

        var result = entries.Select(e => e.SameOwner(owner) ? e : e with { Fields = e.Fields.Difference(changed).Difference(removed) }).ToList();
        var index = result.FindIndex(e => e.SameOwner(owner));
        var mine = index >= 0 ? result[index].Fields : new FieldSet();
        var owned = mine.Union(changed).Difference(removed);
        var entry = new ManagedFieldsEntry(owner.Manager, owner.Operation, owner.Subresource, resource.ApiVersion, time, owned);
        if (index >= 0)
        {
            result[index] = entry;
        }
        else
        {
            result.Add(entry);
        }

        ManagedFieldsEntry.Write(updated, result);
    }

    /// <summary>Records the managed fields of an object created by an apply: the applier owns its configuration's fields.</summary>
    public static void RecordApplyCreate(ResourceDefinition resource, JsonObject created, JsonObject config, FieldOwner owner, string time)
    {
        var fields = ObjectFields.Of(config, resource.ModelType, Scope(resource, owner));
        ManagedFieldsEntry.Write(created, [new(owner.Manager, owner.Operation, owner.Subresource, resource.ApiVersion, time, fields)]);
    }

    /// <summary>
    /// Finishes an apply: <paramref name="merged"/> is the live object with the configuration merged
    /// in. Checks conflicts, prunes what the applier dropped and stores the new managed fields in it.
    /// </summary>
    /// <exception cref="ApiException">409 Conflict naming each conflicting field and manager, when not forced.</exception>
    public static void Apply(ResourceDefinition resource, JsonObject live, JsonObject merged, JsonObject config, FieldOwner owner, bool force, string time)
    {
        var scope = Scope(resource, owner);
        var entries = ManagedFieldsEntry.Read(live);
        var applied = ObjectFields.Of(config, resource.ModelType, scope);
        var liveFields = ObjectFields.Of(live, resource.ModelType, scope);
        var changed = ObjectFields.Changed(ObjectFields.Of(merged, resource.ModelType, scope), live, beforeExists: true, merged);

        var conflicts = new List<(ManagedFieldsEntry Entry, IReadOnlyList<string> Path)>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].SameOwner(owner))
            {
                continue;
            }

            var overlap = entries[i].Fields.Intersection(changed);
            conflicts.AddRange(overlap.Members().Select(path => (entries[i], path)));
            if (force)
            {
                entries[i] = entries[i] with { Fields = entries[i].Fields.Difference(overlap) };
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(conflicts);
        }

        var others = entries.Where(e => !e.SameOwner(owner)).Aggregate(new FieldSet(), (all, e) => all.Union(e.Fields));
        var previous = entries.FirstOrDefault(e => e.SameOwner(owner))?.Fields ?? new FieldSet();
        ObjectFields.Remove(merged, previous.Difference(applied).Difference(others), others);
        var removed = liveFields.Difference(ObjectFields.Of(merged, resource.ModelType, scope));

        var result = entries
            .Where(e => !e.SameOwner(owner))
            .Select(e => e with { Fields = e.Fields.Difference(removed) })
            .ToList();
        result.Add(new ManagedFieldsEntry(owner.Manager, owner.Operation, owner.Subresource, resource.ApiVersion, time, applied));
        ManagedFieldsEntry.Write(merged, result);
    }

    private static FieldScope Scope(ResourceDefinition resource, FieldOwner owner) =>
        new(owner.Subresource == "status", resource.Subresources.Any(s => s.Name == "status"));

    /// <summary>upstream's NewApplyConflict: 409 Conflict, one FieldManagerConflict cause per field.</summary>
    private static ApiException Conflict(List<(ManagedFieldsEntry Entry, IReadOnlyList<string> Path)> conflicts)
    {
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Entry.Describe()}: {FieldPath.Text(conflicts[0].Path)}";
        }
        else
        {
            var lines = conflicts
                .GroupBy(c => c.Entry.Describe())
                .OrderBy(g => g.First().Entry.Manager, StringComparer.Ordinal)
                .SelectMany(g => new[] { $"conflicts with {g.Key}:" }.Concat(g.Select(c => $"- {FieldPath.Text(c.Path)}")));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }

        return new ApiException(409, "Conflict", message)
        {
            Causes = [.. conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with {c.Entry.Describe()}", FieldPath.Text(c.Path)))],
        };
    }
}
