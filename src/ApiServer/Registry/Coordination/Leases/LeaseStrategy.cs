using Orchestrator.ApiServer.Tables.Printers;

namespace Orchestrator.ApiServer.Registry.Coordination.Leases;

/// <summary>Leases: no rules of their own but the table.</summary>
internal sealed class LeaseStrategy() : ResourceStrategy(new LeasePrinter());
