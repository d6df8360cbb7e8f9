namespace Orchestrator.Kubelet.Status;

/// <summary>
/// Whether a status write would change anything a reader cares about. Compares meaning, not bytes:
/// timestamps round-trip through the API at a different precision, and rewriting a status that
/// only differs there would feed the informer an endless stream of our own updates.
/// </summary>
internal static class PodStatusComparer
{
    public static bool Equivalent(V1PodStatus? current, V1PodStatus desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (current is null)
        {
            return false;
        }

        return current.Phase == desired.Phase
            && current.PodIP == desired.PodIP
            && current.HostIP == desired.HostIP
            && current.QosClass == desired.QosClass
            && Conditions(current) == Conditions(desired)
            && Containers(current.ContainerStatuses) == Containers(desired.ContainerStatuses)
            && Containers(current.InitContainerStatuses) == Containers(desired.InitContainerStatuses)
            && Containers(current.EphemeralContainerStatuses) == Containers(desired.EphemeralContainerStatuses);
    }

    private static string Conditions(V1PodStatus status) =>
        string.Join(';', (status.Conditions ?? []).OrderBy(c => c.Type, StringComparer.Ordinal).Select(c => $"{c.Type}={c.Status}/{c.Reason}"));

    private static string Containers(IList<V1ContainerStatus>? statuses) =>
        string.Join(';', (statuses ?? []).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => $"{s.Name}:{s.Ready}:{s.Started}:{s.RestartCount}:{State(s.State)}:{State(s.LastState)}"));

    private static string State(V1ContainerState? state) => state switch
    {
        { Running: not null } => "running",
        { Terminated: { } t } => $"terminated({t.ExitCode},{t.Reason})",
        { Waiting: { } w } => $"waiting({w.Reason})",
        _ => "none",
    };
}
