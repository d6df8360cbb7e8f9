namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>One metadata.managedFields entry: who, how (Apply or Update), through which subresource, and the fields owned.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string? Subresource, string ApiVersion, string? Time, FieldSet Fields)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    /// <summary>Entries are told apart by manager, operation and subresource, as upstream keys them.</summary>
    public bool SameOwner(FieldOwner owner) =>
        Manager == owner.Manager && Operation == owner.Operation && (Subresource ?? "") == (owner.Subresource ?? "");

    /// <summary>How conflicts name this manager: <c>"name"</c>, plus <c>with subresource "status"</c> and <c>using apps/v1 at time</c> for updates.</summary>
    public string Describe()
    {
        var text = GoText.Quote(Manager);
        if (Subresource is { Length: > 0 })
        {
            text += $" with subresource {GoText.Quote(Subresource)}";
        }

        if (Operation != Update)
        {
            return text;
        }

        return Time is null ? $"{text} using {ApiVersion}" : $"{text} using {ApiVersion} at {Time}";
    }

    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        foreach (var (_, item) in JsonFields.Items(obj["metadata"] as JsonObject, "managedFields"))
        {
            if (JsonFields.Text(item["manager"]) is not { } manager)
            {
                continue;
            }

            entries.Add(new ManagedFieldsEntry(
                manager,
                JsonFields.Text(item["operation"]) ?? Update,
                JsonFields.Text(item["subresource"]),
                JsonFields.Text(item["apiVersion"]) ?? "",
                JsonFields.Text(item["time"]),
                FieldSet.FromFieldsV1(item["fieldsV1"])));
        }

        return entries;
    }

    /// <summary>
    /// Stores the entries in metadata.managedFields (removed when there are none), dropping entries
    /// that own nothing, in upstream's order: Apply before Update, then by time, manager, version, subresource.
    /// </summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        var sorted = entries
            .Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource ?? "", StringComparer.Ordinal);
        foreach (var entry in sorted)
        {
            array.Add(Item(entry.Manager, entry.Operation, entry.Subresource, entry.ApiVersion, entry.Time, entry.Fields.ToFieldsV1()));
        }

        Store(obj, array);
    }

    /// <summary>Stores the one entry of a new object, whose fields are already FieldsV1 JSON (none: no managedFields).</summary>
    public static void WriteOne(JsonObject obj, FieldOwner owner, string apiVersion, string? time, JsonObject fieldsV1)
    {
        var array = new JsonArray();
        if (fieldsV1.Count > 0)
        {
            array.Add(Item(owner.Manager, owner.Operation, owner.Subresource, apiVersion, time, fieldsV1));
        }

        Store(obj, array);
    }

    private static JsonObject Item(string manager, string operation, string? subresource, string apiVersion, string? time, JsonObject fieldsV1)
    {
        var item = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = operation,
            ["apiVersion"] = apiVersion,
        };
        if (time is not null)
        {
            item["time"] = time;
        }

        item["fieldsType"] = "FieldsV1";
        item["fieldsV1"] = fieldsV1;
        if (subresource is { Length: > 0 })
        {
            item["subresource"] = subresource;
        }

        return item;
    }

    private static void Store(JsonObject obj, JsonArray array)
    {
        var metadata = Storage.StoredObject.Metadata(obj);
        if (array.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = array;
        }
    }
}
