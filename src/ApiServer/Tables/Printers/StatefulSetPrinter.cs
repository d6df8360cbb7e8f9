namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// statefulsets: NAME READY AGE, wide CONTAINERS IMAGES. READY is "ready/desired"; desired reads 1
/// when spec.replicas is unset, as defaulting makes it.
/// </summary>
internal sealed class StatefulSetPrinter() : ColumnPrinter(
[
    CommonColumns.Name,
    Column.String("Ready", "Number of the pod with ready state", obj => $"{obj.Long("status", "readyReplicas")}/{obj.LongOrNull("spec", "replicas") ?? 1}"),
    CommonColumns.Age,
    .. CommonColumns.Containers("spec", "template", "spec"),
]);
