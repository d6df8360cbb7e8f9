namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// Set <paramref name="ReplicaSet"/>'s <c>spec.replicas</c> to <paramref name="Replicas"/> (and its
/// desired/max replicas annotations to the deployment's); <paramref name="Operation"/> ("up"/"down")
/// names the direction in the event.
/// </summary>
internal sealed record ScaleStep(V1ReplicaSet ReplicaSet, int Replicas, string Operation)
{
    public string Name => ReplicaSet.Metadata.Name;
}
