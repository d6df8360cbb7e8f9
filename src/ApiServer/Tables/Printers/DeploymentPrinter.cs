using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DeploymentPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Ready", "string", "Number of the pod with ready state"),
        new("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        CommonColumns.Selector("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
    ];

    /// <summary>READY is "ready/desired"; desired reads 1 when spec.replicas is unset, as defaulting makes it.</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var (names, images) = ObjectCells.Containers(obj.At("spec", "template", "spec"));
        return new JsonArray(
            ObjectCells.Name(obj),
            $"{obj.Long("status", "readyReplicas")}/{obj.LongOrNull("spec", "replicas") ?? 1}",
            obj.Long("status", "updatedReplicas"),
            obj.Long("status", "availableReplicas"),
            ObjectCells.Age(obj, now),
            names,
            images,
            LabelFormat.SelectorOrEmpty(obj.At("spec", "selector")));
    }
}
