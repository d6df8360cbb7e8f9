namespace Orchestrator.ApiServer.Registry.Node.RuntimeClasses;

/// <summary>RuntimeClasses (upstream pkg/registry/node/runtimeclass/strategy.go): the table, and a PUT may create.</summary>
internal sealed class RuntimeClassStrategy() : ResourceStrategy(new RuntimeClassPrinter())
{
    public override bool AllowCreateOnUpdate => true;
}
