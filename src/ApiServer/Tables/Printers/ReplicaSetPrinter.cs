using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>replicasets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class ReplicaSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Desired", "integer", "Number of desired pods (spec.replicas)."),
        new("Current", "integer", "The most recently observed number of replicas."),
        new("Ready", "integer", "The number of pods targeted by this ReplicaSet with a Ready condition."),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        CommonColumns.Selector("A label query over pods that should match the replica count."),
    ];

    /// <summary>DESIRED reads 1 when spec.replicas is unset, as defaulting makes it.</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var (names, images) = ObjectCells.Containers(obj.At("spec", "template", "spec"));
        return new JsonArray(
            ObjectCells.Name(obj),
            obj.LongOrNull("spec", "replicas") ?? 1,
            obj.Long("status", "replicas"),
            obj.Long("status", "readyReplicas"),
            ObjectCells.Age(obj, now),
            names,
            images,
            LabelFormat.Selector(obj.At("spec", "selector")));
    }
}
