namespace Orchestrator.ControllerManager.Controllers.Endpoints;

/// <summary>Turns pod changes into the keys of the Services that select the pod (before or after the change).</summary>
internal static class ServicePodEvents
{
    public static IResourceEventHandler<V1Pod> Handler(IInformer<V1Service> services, Action<NamespacedName> enqueue) =>
        new ResourceEventHandler<V1Pod>(
            pod => EnqueueSelecting(services, pod, enqueue),
            (old, pod) =>
            {
                EnqueueSelecting(services, pod, enqueue);
                if (!SameLabels(old, pod))
                {
                    EnqueueSelecting(services, old, enqueue);
                }
            },
            pod => EnqueueSelecting(services, pod, enqueue));

    private static void EnqueueSelecting(IInformer<V1Service> services, V1Pod pod, Action<NamespacedName> enqueue)
    {
        foreach (var service in services.Cache.ListNamespace(pod.Metadata.NamespaceProperty ?? ""))
        {
            if (ServicePods.Selects(service, pod))
            {
                enqueue(NamespacedName.Of(service));
            }
        }
    }

    private static bool SameLabels(V1Pod a, V1Pod b)
    {
        var x = a.Metadata.Labels ?? new Dictionary<string, string>();
        var y = b.Metadata.Labels ?? new Dictionary<string, string>();
        return x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
