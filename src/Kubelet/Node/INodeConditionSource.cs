namespace Orchestrator.Kubelet.Node;

/// <summary>
/// The conditions a real node reports (Ready from the runtime's status, the pressure conditions from
/// the machine's usage); hollow nodes have none and report healthy. Called on every heartbeat;
/// thread-safe.
/// </summary>
public interface INodeConditionSource
{
    /// <summary>The node's conditions now; <paramref name="previous"/> keeps unchanged transition times.</summary>
    Task<IList<V1NodeCondition>> ComputeAsync(IEnumerable<V1NodeCondition>? previous, DateTime now, CancellationToken ct);
}
