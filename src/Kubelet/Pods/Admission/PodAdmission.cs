namespace Orchestrator.Kubelet.Pods.Admission;

/// <summary>
/// The kubelet's admission of a pod bound to its node, the OS checks of upstream's predicateAdmitHandler
/// (pkg/kubelet/lifecycle/predicate.go), as a pure function: a pod labelled kubernetes.io/os for another OS than the
/// node's, or whose spec.os.name is not the node's OS, is rejected. The scheduler does not look at spec.os, so a
/// Linux pod can be bound to a Windows node; the kubelet is the one that says no.
/// </summary>
internal static class PodAdmission
{
    public const string PodOSSelectorNodeLabelDoesNotMatch = "PodOSSelectorNodeLabelDoesNotMatch";
    public const string PodOSNotSupported = "PodOSNotSupported";
    private const string OsLabel = "kubernetes.io/os";

    /// <summary>Null when the node may run the pod; else why not.</summary>
    public static PodRejection? Check(V1Pod pod, NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        // upstream reads the pod's own labels here (not its nodeSelector): rejectPodAdmissionBasedOnOSSelector.
        if (pod.Metadata.Labels is { } labels && labels.TryGetValue(OsLabel, out var os) && os != node.OperatingSystem)
        {
            return new PodRejection(PodOSSelectorNodeLabelDoesNotMatch, "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label");
        }

        if (pod.Spec.Os is { Name: { } name } && name != node.OperatingSystem)
        {
            return new PodRejection(PodOSNotSupported, "Failed to admit pod as the OS field doesn't match node OS");
        }

        return null;
    }

    /// <summary>The status of a rejected pod (upstream's rejectPod): Failed, the reason, "Pod was rejected: " and the message.</summary>
    public static V1PodStatus RejectedStatus(V1Pod pod, PodRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(rejection);
        return new V1PodStatus
        {
            Phase = "Failed",
            Reason = rejection.Reason,
            Message = "Pod was rejected: " + rejection.Message,
            QosClass = pod.Status?.QosClass ?? Status.PodStatusBuilder.QosClass(pod.Spec),
        };
    }
}
