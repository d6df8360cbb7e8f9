namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// Builds the meta.k8s.io Table kube-apiserver answers a Table Accept with: the kind's columns
/// (all of them, wide ones included, unless a later watch event), one row per object, and in
/// each row the object as <see cref="TableOptions.IncludeObject"/> asks. The input objects are
/// never modified: everything placed in the Table is a copy. The objects are in the storage version
/// (the cells are read from them); the objects embedded in rows are in <c>resource</c>'s version.
/// </summary>
internal static class TableBuilder
{
    public static JsonObject Build(ResourceDefinition resource, IReadOnlyList<JsonObject> objects, TableOptions options)
    {
        var printer = resource.Strategy.Printer;
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            rows.Add(Row(resource, printer, obj, options));
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = options.ApiVersion,
            ["metadata"] = ListMeta(options),
            ["columnDefinitions"] = options.IncludeColumnDefinitions
                ? new JsonArray(printer.Columns.Select(c => (JsonNode?)c.ToJson()).ToArray())
                : null,
            ["rows"] = rows,
        };
    }

    private static JsonObject Row(ResourceDefinition resource, ITablePrinter printer, JsonObject obj, TableOptions options)
    {
        var row = new JsonObject { ["cells"] = printer.Cells(obj, options.Now) };
        if (printer.Conditions(obj) is { } conditions)
        {
            row["conditions"] = conditions;
        }

        row["object"] = options.IncludeObject switch
        {
            IncludeObject.None => null,
            IncludeObject.Object => FullObject(resource, obj),
            _ => PartialObjectMetadata(obj, options.ApiVersion),
        };
        return row;
    }

    /// <summary>Upstream types the partial object with the Table's own group version.</summary>
    private static JsonObject PartialObjectMetadata(JsonObject obj, string apiVersion) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = apiVersion,
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    /// <summary>The object in the table's resource version, with kind and apiVersion first, which kubectl's decoder needs.</summary>
    private static JsonObject FullObject(ResourceDefinition resource, JsonObject obj)
    {
        var full = new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion };
        foreach (var (name, value) in Registry.VersionConversion.ObjectVersions.ToServed(resource, obj))
        {
            if (name is not ("kind" or "apiVersion"))
            {
                full[name] = value?.DeepClone();
            }
        }

        return full;
    }

    private static JsonObject ListMeta(TableOptions options)
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(options.ResourceVersion))
        {
            metadata["resourceVersion"] = options.ResourceVersion;
        }

        if (!string.IsNullOrEmpty(options.Continue))
        {
            metadata["continue"] = options.Continue;
        }

        if (options.RemainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        return metadata;
    }
}
