using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>statefulsets: NAME READY AGE, wide CONTAINERS IMAGES.</summary>
internal sealed class StatefulSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Ready", "string", "Number of the pod with ready state"),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
    ];

    /// <summary>READY is "ready/desired"; desired reads 1 when spec.replicas is unset, as defaulting makes it.</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var (names, images) = ObjectCells.Containers(obj.At("spec", "template", "spec"));
        return new JsonArray(
            ObjectCells.Name(obj),
            $"{obj.Long("status", "readyReplicas")}/{obj.LongOrNull("spec", "replicas") ?? 1}",
            ObjectCells.Age(obj, now),
            names,
            images);
    }
}
