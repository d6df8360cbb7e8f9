using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>priorityclasses: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY.</summary>
internal sealed class PriorityClassPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Value", "integer", "The integer priority of pods that use this class."),
        new("Global-Default", "boolean", "Whether this class is the default for pods without a priorityClassName."),
        CommonColumns.Age,
        new("PreemptionPolicy", "string", "Whether pods of this class may preempt pods of lower priority."),
    ];

    /// <summary>PREEMPTIONPOLICY reads PreemptLowerPriority when unset, as defaulting makes it.</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now) => new(
        ObjectCells.Name(obj),
        obj.Long("value"),
        obj.Bool("globalDefault"),
        ObjectCells.Age(obj, now),
        obj.StringOrNull("preemptionPolicy") ?? "PreemptLowerPriority");
}
