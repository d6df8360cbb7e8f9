namespace Orchestrator.Host.Explain;

/// <summary>
/// What the analysis of one pod reads, fetched once by the command: the pod, its events, the nodes with the pods bound to
/// them, and the objects its volumes and environment name in its namespace.
/// </summary>
/// <param name="BoundPods">Pods with a node, every namespace: what already takes the nodes' resources.</param>
/// <param name="ConfigMaps">Names of the ConfigMaps in the pod's namespace.</param>
/// <param name="Secrets">Names of the Secrets in the pod's namespace.</param>
/// <param name="Logs">The last log lines of a container's previous (else current) run, by container name: crash loops only.</param>
internal sealed record PodFacts(
    V1Pod Pod,
    IReadOnlyList<Corev1Event> Events,
    IReadOnlyList<V1Node> Nodes,
    IReadOnlyList<V1Pod> BoundPods,
    IReadOnlyList<V1PersistentVolumeClaim> Claims,
    IReadOnlySet<string> ConfigMaps,
    IReadOnlySet<string> Secrets,
    IReadOnlyDictionary<string, string> Logs,
    DateTimeOffset Now)
{
    /// <summary>The pod's events of <paramref name="reason"/>, newest first.</summary>
    public IEnumerable<Corev1Event> EventsOf(string reason) =>
        Events.Where(e => e.Reason == reason).OrderByDescending(LastSeen);

    public static DateTime LastSeen(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;
}
