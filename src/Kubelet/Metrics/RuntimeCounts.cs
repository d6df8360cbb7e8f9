namespace Orchestrator.Kubelet.Metrics;

/// <summary>
/// What one pod holds in the runtime, as kubelet_running_pods and kubelet_running_containers count it: whether its
/// sandbox runs, and its containers (init, regular and ephemeral; the latest of each name) by CRI state.
/// </summary>
internal sealed record RuntimeCounts(bool SandboxRunning, int Running, int Exited, int Created)
{
    /// <summary>Nothing in the runtime (a pod not synced yet).</summary>
    public static readonly RuntimeCounts None = new(false, 0, 0, 0);

    /// <summary>
    /// Counts an observed pod. A waiting container counts as <c>exited</c> when it waits to restart after its
    /// container exited (that container is still in the runtime), as <c>created</c> when the runtime has a
    /// container for it that has not started, and not at all when it has no container yet (image pull, backoff before the first start).
    /// </summary>
    public static RuntimeCounts Of(ObservedPod pod)
    {
        var (running, exited, created) = (0, 0, 0);
        foreach (var container in pod.InitContainers.Concat(pod.Containers).Concat(pod.EphemeralContainers))
        {
            switch (StateOf(container))
            {
                case ContainerState.Running:
                    running++;
                    break;
                case ContainerState.Exited:
                    exited++;
                    break;
                case ContainerState.Created:
                    created++;
                    break;
            }
        }

        return new RuntimeCounts(pod.SandboxReady, running, exited, created);
    }

    private static ContainerState StateOf(ObservedContainer container) => container.State switch
    {
        ContainerRunState.Running => ContainerState.Running,
        ContainerRunState.Exited => ContainerState.Exited,
        _ when container.ContainerId is null => ContainerState.None,
        _ when container.LastTermination?.ContainerId == container.ContainerId => ContainerState.Exited,
        _ => ContainerState.Created,
    };

    private enum ContainerState
    {
        None,
        Running,
        Exited,
        Created,
    }
}
