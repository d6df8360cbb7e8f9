namespace Orchestrator.ApiServer.Registry.VersionConversion;

/// <summary>
/// The version-conversion hook of the request paths: a resource served in a version other than its
/// storage version (<see cref="ResourceDefinition.StoredAs"/>) is read and written through these calls,
/// which change nothing for a resource served in its storage version.
/// </summary>
/// <remarks>
/// The design, smaller than upstream's (which converts every request to an internal version): a body is
/// decoded and checked (kind, schema, unknown fields) in the version it was sent in, then converted to
/// the storage version at once; the kind's strategy, admission, validation and the store all see the
/// storage version; what goes back (objects, list items, watch events, tables' objects) is converted to
/// the request's version. A patch applies to the object in the request's version (the stored object is
/// converted, patched, checked, converted back), and managed fields (create, update, apply) are recorded in that
/// version, under that apiVersion, as upstream's field manager records them (<see cref="RecordFields"/>). Field selectors and table columns of a served
/// version read storage-version objects (its definition shares the storage version's strategy, or has one
/// written for storage objects).
/// </remarks>
internal static class ObjectVersions
{
    /// <summary>
    /// <paramref name="stored"/> (the storage version, with its type meta) as <paramref name="served"/> shows it;
    /// the same object when no conversion is needed, and a Status passes through unchanged.
    /// </summary>
    public static JsonObject ToServed(ResourceDefinition served, JsonObject stored) =>
        served.StoredAs is { } link && Defaulting.JsonFields.Text(stored["kind"]) != "Status"
            ? link.Converter.ToServed(stored, served)
            : stored;

    /// <summary>A body sent in <paramref name="served"/>'s version, in the storage version; the same object when no conversion is needed.</summary>
    public static JsonObject ToStorage(ResourceDefinition served, JsonObject body) =>
        served.StoredAs is { } link ? link.Converter.ToStorage(body, link.Storage) : body;

    /// <summary>
    /// Runs <paramref name="record"/> (a <see cref="FieldManagement.FieldManager"/> call) on the object in <paramref name="served"/>'s
    /// version and keeps the managed fields it wrote in <paramref name="stored"/>: entries carry the apiVersion and the field paths of
    /// the version the manager wrote in, as upstream's. Without conversion it runs on <paramref name="stored"/> itself.
    /// </summary>
    public static void RecordFields(ResourceDefinition served, JsonObject stored, Action<JsonObject> record)
    {
        if (served.StoredAs is null)
        {
            record(stored);
            return;
        }

        var view = ToServed(served, stored);
        record(view);
        var metadata = (JsonObject)(stored["metadata"] ??= new JsonObject());
        if (view["metadata"]?["managedFields"]?.DeepClone() is { } fields)
        {
            metadata["managedFields"] = fields;
        }
        else
        {
            metadata.Remove("managedFields");
        }
    }

    /// <summary>The response JSON of a cached (storage-version) object in <paramref name="served"/>'s version: the cached bytes when no conversion is needed.</summary>
    public static byte[] ServedJson(ResourceDefinition served, CachedObject obj) =>
        served.StoredAs is null
            ? obj.Json
            : JsonSerializer.SerializeToUtf8Bytes(ToServed(served, obj.Object), Serialization.JsonLimits.Serializer);
}
