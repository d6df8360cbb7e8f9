using Orchestrator.ApiMachinery.Resources;

namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// Each pod's request of a resource in milli-units, summed over its containers and restartable (sidecar) init
/// containers, or only the named container (upstream's calculatePodRequests).
/// </summary>
internal static class PodRequests
{
    /// <exception cref="ReplicaCalculationException">A container counted has no request for the resource, or the named container is absent.</exception>
    public static Dictionary<string, long> Of(IReadOnlyList<V1Pod> pods, string resource, string? container)
    {
        var requests = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            requests[pod.Metadata.Name] = OfPod(pod, resource, container);
        }

        return requests;
    }

    private static long OfPod(V1Pod pod, string resource, string? container)
    {
        var containers = (pod.Spec?.Containers ?? []).Concat((pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always"));
        long sum = 0;
        foreach (var c in containers)
        {
            if (container is not null && c.Name != container)
            {
                continue;
            }

            if (c.Resources?.Requests is not { } requests || !requests.TryGetValue(resource, out var request))
            {
                throw new ReplicaCalculationException($"missing request for {resource} in container {c.Name} of Pod {pod.Metadata.Name}");
            }

            sum += QuantityValues.MilliValue(request);
            if (container is not null)
            {
                return sum;
            }
        }

        return container is null ? sum : throw new ReplicaCalculationException($"container {container} not found in Pod {pod.Metadata.Name}");
    }
}
