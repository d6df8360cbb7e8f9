using Orchestrator.ControllerManager.Controllers.Endpoints;

namespace Orchestrator.ControllerManager.Controllers.EndpointSlice;

/// <summary>
/// The EndpointSlices a Service should have (IPv4, at most <see cref="MaxEndpointsPerSlice"/> endpoints
/// each, one group per distinct port set), and how to get there from the slices it has.
/// </summary>
internal static class EndpointSlicePlanner
{
    public const int MaxEndpointsPerSlice = 100;
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ControllerName = "endpointslice-controller.k8s.io";

    public static IReadOnlyList<DesiredSlice> Desired(V1Service service, IEnumerable<V1Pod> pods, int maxPerSlice = MaxEndpointsPerSlice)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses ?? false;
        var groups = new SortedDictionary<string, (List<Discoveryv1EndpointPort> Ports, List<V1Endpoint> Endpoints)>(StringComparer.Ordinal);
        foreach (var pod in pods.Where(p => ServicePods.Selects(service, p)))
        {
            if (!ServicePods.ShouldBeInEndpoints(pod, includeTerminating: true) || pod.Status!.PodIP.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            var servicePorts = service.Spec?.Ports ?? [];
            var ports = servicePorts
                .Select(p => (Port: p, Number: ServicePods.TargetPort(p, pod)))
                .Where(p => p.Number is not null)
                .Select(p => new Discoveryv1EndpointPort { Name = p.Port.Name ?? "", Port = p.Number, Protocol = p.Port.Protocol ?? "TCP", AppProtocol = p.Port.AppProtocol })
                .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Port)
                .ToList();
            if (servicePorts.Count > 0 && ports.Count == 0)
            {
                continue;
            }

            var key = string.Join(";", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}/{p.AppProtocol}"));
            if (!groups.TryGetValue(key, out var group))
            {
                group = (ports, []);
                groups[key] = group;
            }

            var serving = ServicePods.IsReady(pod);
            var terminating = pod.Metadata.DeletionTimestamp is not null;
            group.Endpoints.Add(new V1Endpoint
            {
                Addresses = [pod.Status.PodIP],
                Conditions = new V1EndpointConditions { Ready = publishNotReady || (serving && !terminating), Serving = serving, Terminating = terminating },
                NodeName = pod.Spec?.NodeName,
                Hostname = ServicePods.Hostname(service, pod),
                TargetRef = ServicePods.PodReference(pod),
            });
        }

        return [.. groups.Values.SelectMany(g => g.Endpoints
            .OrderBy(e => e.Addresses[0], StringComparer.Ordinal)
            .Chunk(maxPerSlice)
            .Select(chunk => new DesiredSlice([.. chunk], g.Ports)))];
    }

    /// <summary>
    /// Pairs desired content with existing slices: slices already right stay untouched, the others are
    /// reused for the remaining content, and what is left over is created or deleted.
    /// </summary>
    public static EndpointSliceChanges Reconcile(IReadOnlyList<V1EndpointSlice> existing, IReadOnlyList<DesiredSlice> desired)
    {
        var unmatched = existing.OrderBy(s => s.Metadata.Name, StringComparer.Ordinal).ToList();
        var pending = new List<DesiredSlice>();
        foreach (var slice in desired)
        {
            var same = unmatched.FirstOrDefault(e => Content(e.Endpoints, e.Ports) == Content(slice.Endpoints, slice.Ports));
            if (same is null)
            {
                pending.Add(slice);
            }
            else
            {
                unmatched.Remove(same);
            }
        }

        var updates = pending.Zip(unmatched, (slice, target) => (target, slice)).ToList();
        return new EndpointSliceChanges(
            [.. pending.Skip(updates.Count)],
            updates,
            [.. unmatched.Skip(updates.Count)]);
    }

    /// <summary>A canonical text of what the controller sets, so defaults the API server adds never count as a difference.</summary>
    private static string Content(IList<V1Endpoint>? endpoints, IList<Discoveryv1EndpointPort>? ports) =>
        string.Join("|", (endpoints ?? []).Select(e =>
            $"{string.Join(",", e.Addresses ?? [])} {e.Conditions?.Ready} {e.Conditions?.Serving} {e.Conditions?.Terminating} {e.NodeName} {e.Hostname} {e.TargetRef?.Name} {e.TargetRef?.Uid}"))
        + "#" + string.Join("|", (ports ?? []).Select(p => $"{p.Name} {p.Port} {p.Protocol ?? "TCP"} {p.AppProtocol}"));
}
