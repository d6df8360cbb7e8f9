namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// replicasets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. DESIRED reads 1
/// when spec.replicas is unset, as defaulting makes it.
/// </summary>
internal sealed class ReplicaSetPrinter() : ColumnPrinter(
[
    CommonColumns.Name,
    Column.Integer("Desired", "Number of desired pods (spec.replicas).", obj => obj.LongOrNull("spec", "replicas") ?? 1),
    Column.Integer("Current", "The most recently observed number of replicas.", obj => obj.Long("status", "replicas")),
    Column.Integer("Ready", "The number of pods targeted by this ReplicaSet with a Ready condition.", obj => obj.Long("status", "readyReplicas")),
    CommonColumns.Age,
    .. CommonColumns.Containers("spec", "template", "spec"),
    CommonColumns.Selector("A label query over pods that should match the replica count.", "spec", "selector"),
]);
