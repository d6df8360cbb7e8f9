using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.CsiNodes;

/// <summary>csinodes: NAME DRIVERS AGE, DRIVERS the number of drivers (upstream's printCSINode).</summary>
internal sealed class CsiNodePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.Integer("Drivers", "Drivers indicates the number of CSI drivers registered on the node", obj => obj.Count("spec", "drivers")),
    CommonColumns.Age);
