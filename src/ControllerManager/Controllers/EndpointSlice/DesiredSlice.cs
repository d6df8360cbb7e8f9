namespace Orchestrator.ControllerManager.Controllers.EndpointSlice;

/// <summary>The content of one EndpointSlice: endpoints sharing one set of ports.</summary>
internal sealed record DesiredSlice(IList<V1Endpoint> Endpoints, IList<Discoveryv1EndpointPort> Ports);
