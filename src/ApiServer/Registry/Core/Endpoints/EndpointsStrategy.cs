namespace Orchestrator.ApiServer.Registry.Core.Endpoints;

/// <summary>Endpoints (upstream pkg/registry/core/endpoint/strategy.go): port protocols default to TCP; a PUT may create.</summary>
internal sealed class EndpointsStrategy() : ResourceStrategy(new EndpointsPrinter())
{
    public override bool AllowCreateOnUpdate => true;

    public override void Default(JsonObject obj, bool create) => CoreDefaults.Endpoints(obj);
}
