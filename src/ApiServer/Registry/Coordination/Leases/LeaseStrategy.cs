namespace Orchestrator.ApiServer.Registry.Coordination.Leases;

/// <summary>Leases (upstream pkg/registry/coordination/lease/strategy.go): the table, and a PUT may create.</summary>
internal sealed class LeaseStrategy() : ResourceStrategy(new LeasePrinter())
{
    public override bool AllowCreateOnUpdate => true;
}
