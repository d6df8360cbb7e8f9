namespace Orchestrator.ControllerManager.Controllers.EndpointSlice;

/// <summary>The writes that bring a Service's EndpointSlices to the desired content.</summary>
internal sealed record EndpointSliceChanges(
    IReadOnlyList<DesiredSlice> Create,
    IReadOnlyList<(V1EndpointSlice Target, DesiredSlice Content)> Update,
    IReadOnlyList<V1EndpointSlice> Delete)
{
    public bool IsEmpty => Create.Count == 0 && Update.Count == 0 && Delete.Count == 0;
}
