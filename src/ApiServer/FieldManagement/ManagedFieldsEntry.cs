using System.Text.Json.Nodes;
using Orchestrator.ApiMachinery.Text;
using Orchestrator.ApiServer.Defaulting;

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
            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
            };
            if (entry.Time is not null)
            {
                item["time"] = entry.Time;
            }

            item["fieldsType"] = "FieldsV1";
            item["fieldsV1"] = entry.Fields.ToFieldsV1();
            if (entry.Subresource is { Length: > 0 })
            {
                item["subresource"] = entry.Subresource;
            }

            array.Add(item);
        }

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
