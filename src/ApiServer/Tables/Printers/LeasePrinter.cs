namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>leases: NAME HOLDER AGE.</summary>
internal sealed class LeasePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Holder", "The identity of the current holder of the lease.", obj => obj.String("spec", "holderIdentity")),
    CommonColumns.Age);
