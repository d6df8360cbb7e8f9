namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>daemonsets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DaemonSetPrinter() : ColumnPrinter(
[
    CommonColumns.Name,
    Column.Integer("Desired", "The total number of nodes that should be running the daemon pod.", obj => obj.Long("status", "desiredNumberScheduled")),
    Column.Integer("Current", "The number of nodes running at least one daemon pod that are supposed to.", obj => obj.Long("status", "currentNumberScheduled")),
    Column.Integer("Ready", "The number of nodes whose daemon pod is running and ready.", obj => obj.Long("status", "numberReady")),
    Column.Integer("Up-to-date", "The number of nodes running the updated daemon pod spec.", obj => obj.Long("status", "updatedNumberScheduled")),
    Column.Integer("Available", "The number of nodes whose daemon pod has been ready for at least minReadySeconds.", obj => obj.Long("status", "numberAvailable")),
    Column.String(
        "Node Selector",
        "The node labels the daemon pods are restricted to (spec.template.spec.nodeSelector).",
        obj => LabelFormat.Labels(obj.StringMap("spec", "template", "spec", "nodeSelector"))),
    CommonColumns.Age,
    .. CommonColumns.Containers("spec", "template", "spec"),
    CommonColumns.Selector("A label query over pods that are managed by the daemon set.", "spec", "selector"),
]);
