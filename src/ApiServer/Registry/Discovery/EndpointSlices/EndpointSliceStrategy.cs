namespace Orchestrator.ApiServer.Registry.Discovery.EndpointSlices;

/// <summary>EndpointSlices: no rules of their own but the table.</summary>
internal sealed class EndpointSliceStrategy() : ResourceStrategy(new EndpointSlicePrinter());
