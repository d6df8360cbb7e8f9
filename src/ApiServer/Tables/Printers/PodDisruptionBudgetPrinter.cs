namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>poddisruptionbudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE.</summary>
internal sealed class PodDisruptionBudgetPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Min Available", "The minimum number of pods that must be available.", obj => obj.IntOrString("spec", "minAvailable") ?? "N/A"),
    Column.String("Max Unavailable", "The maximum number of pods that may be unavailable.", obj => obj.IntOrString("spec", "maxUnavailable") ?? "N/A"),
    Column.Integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time.", obj => obj.Long("status", "disruptionsAllowed")),
    CommonColumns.Age);
