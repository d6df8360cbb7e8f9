namespace Orchestrator.Scheduler.Framework;

/// <summary>A pod with everything the plugins need precomputed once: requests, host ports, affinity terms.</summary>
public sealed class PodInfo
{
    /// <summary>Upstream's defaults for pods without requests, used only for scoring (100m CPU, 200MB memory).</summary>
    public const long DefaultMilliCpuRequest = 100;
    public const long DefaultMemoryRequest = 200 * 1024 * 1024;

    public PodInfo(V1Pod pod)
    {
        Pod = pod;
        var ns = pod.Metadata.NamespaceProperty ?? string.Empty;
        var labels = pod.Metadata.Labels;
        var spec = pod.Spec;
        Requests = ComputeRequests(spec, nonZero: false);
        var nonZero = ComputeRequests(spec, nonZero: true);
        NonZeroMilliCpu = nonZero.MilliCpu;
        NonZeroMemory = nonZero.Memory;
        HostPorts = ComputeHostPorts(spec);
        OperatingSystem = !string.IsNullOrEmpty(spec?.Os?.Name) ? spec.Os.Name
            : spec?.NodeSelector is { } selector && selector.TryGetValue("kubernetes.io/os", out var os) && !string.IsNullOrEmpty(os) ? os : "linux";
        var affinity = spec?.Affinity;
        RequiredAffinityTerms = Terms(affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ns, labels);
        RequiredAntiAffinityTerms = Terms(affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ns, labels);
        PreferredAffinityTerms = Weighted(affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ns, labels);
        PreferredAntiAffinityTerms = Weighted(affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ns, labels);
    }

    public V1Pod Pod { get; }

    /// <summary>spec.os.name, else nodeSelector kubernetes.io/os, else "linux".</summary>
    public string OperatingSystem { get; }

    public string Uid => UidOf(Pod);

    /// <summary>The cache key of a pod: its UID (namespace/name when it has none, as in hand-built test pods).</summary>
    public static string UidOf(V1Pod pod) => pod.Metadata.Uid ?? $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    public int Priority => Pod.Spec?.Priority ?? 0;

    public Resource Requests { get; }

    public long NonZeroMilliCpu { get; }

    public long NonZeroMemory { get; }

    public IReadOnlyList<HostPort> HostPorts { get; }

    public IReadOnlyList<AffinityTerm> RequiredAffinityTerms { get; }

    public IReadOnlyList<AffinityTerm> RequiredAntiAffinityTerms { get; }

    public IReadOnlyList<AffinityTerm> PreferredAffinityTerms { get; }

    public IReadOnlyList<AffinityTerm> PreferredAntiAffinityTerms { get; }

    public bool HasAffinity => RequiredAffinityTerms.Count + RequiredAntiAffinityTerms.Count
        + PreferredAffinityTerms.Count + PreferredAntiAffinityTerms.Count > 0;

    public bool IsTerminating => Pod.Metadata.DeletionTimestamp is not null;

    /// <summary>
    /// Upstream's effective request: sum of regular and restartable (sidecar) init containers, at least the largest
    /// one-shot init container plus the sidecars started before it, plus pod overhead.
    /// </summary>
    public static Resource ComputeRequests(V1PodSpec? spec, bool nonZero)
    {
        var sum = new Resource();
        if (spec is null)
        {
            return sum;
        }

        foreach (var c in spec.Containers ?? [])
        {
            sum.Add(ContainerRequests(c, nonZero));
        }

        var sidecars = new Resource();
        var initMax = new Resource();
        foreach (var c in spec.InitContainers ?? [])
        {
            var requests = ContainerRequests(c, nonZero);
            if (c.RestartPolicy == "Always")
            {
                sum.Add(requests);
                sidecars.Add(requests);
                initMax.SetMax(sidecars);
            }
            else
            {
                requests.Add(sidecars);
                initMax.SetMax(requests);
            }
        }

        sum.SetMax(initMax);
        if (spec.Overhead is not null)
        {
            sum.AddList(spec.Overhead);
        }

        return sum;
    }

    private static Resource ContainerRequests(V1Container container, bool nonZero)
    {
        var r = Resource.FromList(container.Resources?.Requests);
        if (nonZero)
        {
            var requests = container.Resources?.Requests;
            if (requests is null || !requests.ContainsKey(Resource.Cpu))
            {
                r.MilliCpu = DefaultMilliCpuRequest;
            }

            if (requests is null || !requests.ContainsKey(Resource.MemoryName))
            {
                r.Memory = DefaultMemoryRequest;
            }
        }

        return r;
    }

    private static HostPort[] ComputeHostPorts(V1PodSpec? spec)
    {
        List<HostPort>? ports = null;
        foreach (var c in spec?.Containers ?? [])
        {
            foreach (var p in c.Ports ?? [])
            {
                if (p.HostPort is > 0)
                {
                    (ports ??= []).Add(new HostPort(string.IsNullOrEmpty(p.HostIP) ? HostPort.AnyIp : p.HostIP, p.Protocol ?? "TCP", p.HostPort.Value));
                }
            }
        }

        return ports is null ? [] : [.. ports];
    }

    private static AffinityTerm[] Terms(IList<V1PodAffinityTerm>? terms, string ns, IDictionary<string, string>? labels) =>
        terms is null or { Count: 0 } ? [] : [.. terms.Select(t => new AffinityTerm(t, ns, labels))];

    private static AffinityTerm[] Weighted(IList<V1WeightedPodAffinityTerm>? terms, string ns, IDictionary<string, string>? labels) =>
        terms is null or { Count: 0 } ? [] : [.. terms.Select(t => new AffinityTerm(t.PodAffinityTerm, ns, labels, t.Weight))];
}
