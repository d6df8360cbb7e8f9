namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. READY is
/// "ready/desired"; desired reads 1 when spec.replicas is unset, as defaulting makes it.
/// </summary>
internal sealed class DeploymentPrinter() : ColumnPrinter(
[
    CommonColumns.Name,
    Column.String("Ready", "Number of the pod with ready state", obj => $"{obj.Long("status", "readyReplicas")}/{obj.LongOrNull("spec", "replicas") ?? 1}"),
    Column.String(
        "Up-to-date",
        "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
        obj => obj.Long("status", "updatedReplicas")),
    Column.String(
        "Available",
        "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
        obj => obj.Long("status", "availableReplicas")),
    CommonColumns.Age,
    .. CommonColumns.Containers("spec", "template", "spec"),
    CommonColumns.Selector(
        "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
        obj => LabelFormat.SelectorOrEmpty(obj.At("spec", "selector"))),
]);
