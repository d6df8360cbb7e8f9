using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Defaulting;
using Orchestrator.ApiServer.Tables.Printers;

namespace Orchestrator.ApiServer.Registry.Core.Endpoints;

/// <summary>Endpoints: port protocols default to TCP.</summary>
internal sealed class EndpointsStrategy() : ResourceStrategy(new EndpointsPrinter())
{
    public override void Default(JsonObject obj, bool create) => CoreDefaults.Endpoints(obj);
}
