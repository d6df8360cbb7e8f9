namespace Orchestrator.Host.Status;

/// <summary>Everything `orchestrator status` reports, read from the API server once (<see cref="StatusCollector"/>).</summary>
/// <param name="Server">The API server's URL from the kubeconfig.</param>
/// <param name="ServerVersion">/version's gitVersion.</param>
/// <param name="ClientVersion">This binary's version.</param>
/// <param name="Readyz">/readyz: status code and body.</param>
/// <param name="ComponentLeases">kube-system's leader Leases of the scheduler and controller manager (absent ones left out).</param>
/// <param name="NodeLeases">kube-node-lease's Leases.</param>
/// <param name="Now">When it was read: ages are computed from it.</param>
internal sealed record ClusterStatus(
    Uri Server,
    string ServerVersion,
    string ClientVersion,
    HealthAnswer Readyz,
    IReadOnlyList<V1Lease> ComponentLeases,
    IReadOnlyList<V1Lease> NodeLeases,
    IReadOnlyList<V1Node> Nodes,
    IReadOnlyList<V1Pod> Pods,
    DateTimeOffset Now);

/// <summary>A health endpoint's answer.</summary>
internal sealed record HealthAnswer(int StatusCode, string Body)
{
    public bool Ok => StatusCode == 200;
}
