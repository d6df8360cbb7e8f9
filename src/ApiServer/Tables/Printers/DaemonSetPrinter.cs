using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>daemonsets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DaemonSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
        new("Current", "integer", "The number of nodes running at least one daemon pod that are supposed to."),
        new("Ready", "integer", "The number of nodes whose daemon pod is running and ready."),
        new("Up-to-date", "integer", "The number of nodes running the updated daemon pod spec."),
        new("Available", "integer", "The number of nodes whose daemon pod has been ready for at least minReadySeconds."),
        new("Node Selector", "string", "The node labels the daemon pods are restricted to (spec.template.spec.nodeSelector)."),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        CommonColumns.Selector("A label query over pods that are managed by the daemon set."),
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var status = obj["status"];
        var podSpec = obj.At("spec", "template", "spec");
        var (names, images) = ObjectCells.Containers(podSpec);
        return new JsonArray(
            ObjectCells.Name(obj),
            status.Long("desiredNumberScheduled"),
            status.Long("currentNumberScheduled"),
            status.Long("numberReady"),
            status.Long("updatedNumberScheduled"),
            status.Long("numberAvailable"),
            LabelFormat.Labels(podSpec.StringMap("nodeSelector")),
            ObjectCells.Age(obj, now),
            names,
            images,
            LabelFormat.Selector(obj.At("spec", "selector")));
    }
}
