namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// priorityclasses: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. PREEMPTIONPOLICY reads
/// PreemptLowerPriority when unset, as defaulting makes it.
/// </summary>
internal sealed class PriorityClassPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.Integer("Value", "The integer priority of pods that use this class.", obj => obj.Long("value")),
    Column.Boolean("Global-Default", "Whether this class is the default for pods without a priorityClassName.", obj => obj.Bool("globalDefault")),
    CommonColumns.Age,
    Column.String(
        "PreemptionPolicy",
        "Whether pods of this class may preempt pods of lower priority.",
        obj => obj.StringOrNull("preemptionPolicy") ?? "PreemptLowerPriority"));
