namespace Orchestrator.ControllerManager.Controllers.Endpoints;

/// <summary>
/// The subsets of a Service's Endpoints from the pods it selects, as upstream's endpoints controller
/// computes them: ready pods in addresses, others in notReadyAddresses (terminating ones left out unless
/// publishNotReadyAddresses), ports resolved per pod, then repacked so pods with the same ports share a subset.
/// </summary>
internal static class EndpointsPlanner
{
    public static IList<V1EndpointSubset> Subsets(V1Service service, IEnumerable<V1Pod> pods)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses ?? false;
        var groups = new SortedDictionary<string, (List<Corev1EndpointPort> Ports, List<V1EndpointAddress> Ready, List<V1EndpointAddress> NotReady)>(StringComparer.Ordinal);
        foreach (var pod in pods.Where(p => ServicePods.Selects(service, p)))
        {
            if (!ServicePods.ShouldBeInEndpoints(pod, includeTerminating: publishNotReady))
            {
                continue;
            }

            var ports = Ports(service, pod);
            if (ports is null)
            {
                continue;
            }

            var key = string.Join(";", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}/{p.AppProtocol}"));
            if (!groups.TryGetValue(key, out var group))
            {
                group = (ports, [], []);
                groups[key] = group;
            }

            var address = new V1EndpointAddress
            {
                Ip = pod.Status!.PodIP,
                NodeName = pod.Spec?.NodeName,
                Hostname = ServicePods.Hostname(service, pod),
                TargetRef = ServicePods.PodReference(pod),
            };
            (publishNotReady || ServicePods.IsReady(pod) ? group.Ready : group.NotReady).Add(address);
        }

        return [.. groups.Values.Select(g => new V1EndpointSubset
        {
            Addresses = g.Ready.Count == 0 ? null : Sorted(g.Ready),
            NotReadyAddresses = g.NotReady.Count == 0 ? null : Sorted(g.NotReady),
            Ports = g.Ports.Count == 0 ? null : g.Ports,
        })];
    }

    /// <summary>The endpoint ports for this pod; null when a port cannot be resolved and the service has only that one (upstream skips the pod).</summary>
    private static List<Corev1EndpointPort>? Ports(V1Service service, V1Pod pod)
    {
        var servicePorts = service.Spec?.Ports ?? [];
        var ports = new List<Corev1EndpointPort>();
        foreach (var port in servicePorts)
        {
            if (ServicePods.TargetPort(port, pod) is { } number)
            {
                ports.Add(new Corev1EndpointPort { Name = port.Name, Port = number, Protocol = port.Protocol ?? "TCP", AppProtocol = port.AppProtocol });
            }
        }

        return servicePorts.Count > 0 && ports.Count == 0 ? null : [.. ports.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Port)];
    }

    private static List<V1EndpointAddress> Sorted(List<V1EndpointAddress> addresses) =>
        [.. addresses.OrderBy(a => a.Ip, StringComparer.Ordinal).ThenBy(a => a.TargetRef?.Name, StringComparer.Ordinal)];
}
