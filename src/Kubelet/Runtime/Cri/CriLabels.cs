namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// The labels and annotations the kubelet puts on CRI sandboxes and containers (upstream's names),
/// so that everything about a pod can be found again from the runtime alone: after a kubelet
/// restart (adoption), by the streaming server (exec, logs), by cleanup.
/// </summary>
public static class CriLabels
{
    public const string PodName = "io.kubernetes.pod.name";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string ContainerName = "io.kubernetes.container.name";

    /// <summary>Annotation: the container's restart count when it was created (upstream's name).</summary>
    public const string RestartCount = "io.kubernetes.container.restartCount";

    /// <summary>Annotation: the pod's termination grace period, seconds.</summary>
    public const string TerminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod";

    /// <summary>Annotation: the container's hash of its spec, to notice a changed container (upstream's name).</summary>
    public const string ContainerHash = "io.kubernetes.container.hash";
}
