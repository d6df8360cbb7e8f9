using Orchestrator.Client.Tracing;

namespace Orchestrator.Kubelet.Pods;

/// <summary>
/// The kubelet's <c>syncPod</c> span, as upstream's kubelet names it, with its attributes (<c>k8s.pod.uid</c>,
/// <c>k8s.pod</c>, <c>k8s.pod.name</c>, <c>k8s.namespace.name</c>, <c>k8s.pod.update_type</c>) and the node. It is a
/// child of the pod worker's reconcile span; the runtime's CRI calls (gRPC over HttpClient) and the status
/// patch are its children. Null with tracing off.
/// </summary>
internal static class PodWorkerTracing
{
    public static Activity? StartSync(V1Pod pod)
    {
        var span = TracingSources.Kubelet.StartActivity("syncPod", ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("k8s.pod.uid", pod.Metadata.Uid);
            span.SetTag("k8s.pod", $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}");
            span.SetTag("k8s.pod.name", pod.Metadata.Name);
            span.SetTag("k8s.namespace.name", pod.Metadata.NamespaceProperty);
            span.SetTag("k8s.node.name", pod.Spec?.NodeName);
            span.SetTag("k8s.pod.update_type", pod.Metadata.DeletionTimestamp is null ? "sync" : "kill");
        }

        return span;
    }
}
